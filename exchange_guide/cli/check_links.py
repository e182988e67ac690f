"""`exchange-guide check-links`: do the external addresses in content/ still answer?

Every https address in every content file (url fields, Markdown links and autolinks in texts)
is found with the file, line and field it stands in, and each address is asked once. This is
the only command that needs the network; the build never does. Without a network it says so
plainly and exits 0 (or 3 with --require-network), so it can run on a closed build machine.
"""

from __future__ import annotations

import argparse
import re
import socket
import ssl
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit

from ..model.schema import At, Report
from ..model.yamlload import load_yaml

ADDRESS = re.compile(r"https://[^\s<>\"'()\[\]]+")
USER_AGENT = "exchange-guide-check-links/1 (+link check of a static guide)"
NO_NETWORK = 3
MAX_JOBS, MAX_TIMEOUT = 16, 60


@dataclass(frozen=True)
class Found:
    url: str
    path: str
    line: int
    field: str

    def where(self) -> str:
        return f"{self.path}:{self.line}: field '{self.field}'"


def _walk(value, at: At, out: list[Found]) -> None:
    if isinstance(value, dict):
        for key, child in value.items():
            _walk(child, at.child(key), out)
    elif isinstance(value, list):
        for index, child in enumerate(value):
            _walk(child, at.child(index), out)
    elif isinstance(value, str):
        for match in ADDRESS.finditer(value):
            out.append(Found(match.group().rstrip(".,;:!?"), at.report.path, at.line, at.field))


def find_addresses(content: Path) -> list[Found]:
    """Every https address in content/*.yml, in file order, located as every content error is."""
    found: list[Found] = []
    for file in sorted(content.glob("*.yml")):
        shown = f"{content.name}/{file.name}"
        report = Report(shown, (), "", load_yaml(file, shown))
        _walk(report.tree, report.at(), found)
    return found


def _reachable(host: str, port: int, timeout: float) -> str | None:
    """None when a TCP connection opens, else why not."""
    try:
        socket.create_connection((host, port), timeout=timeout).close()
        return None
    except OSError as exc:
        return f"cannot reach {host}:{port}: {exc.strerror or exc}"


def host_port(text: str) -> tuple[str, int]:
    """--probe 127.0.0.1:9 or [::1]:443"""
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit() or not 0 < int(port) < 65536:
        raise argparse.ArgumentTypeError(f"expected HOST:PORT, such as 127.0.0.1:443, got {text!r}")
    return host.strip("[]"), int(port)


def network_problem(probe: tuple[str, int] | None, urls: list[str], timeout: float) -> str | None:
    """A quick look before the real work: None when the network seems usable, else the reason.

    The probe is the given host:port, else the https proxy when one is set, else the first few
    hosts to be checked (any one answering will do).
    """
    if probe:
        host, port = probe
        return _reachable(host, port, timeout)
    proxy = urllib.request.getproxies().get("https")
    if proxy:
        parts = urlsplit(proxy if "://" in proxy else f"http://{proxy}")
        return _reachable(parts.hostname or "", parts.port or 80, timeout)
    hosts = list(dict.fromkeys(urlsplit(url).hostname for url in urls))[:3]
    problems = [_reachable(host, 443, timeout) for host in hosts]
    return None if not hosts or None in problems else problems[0]


def _status(opener, url: str, timeout: float) -> tuple[int | None, str]:
    """The final HTTP status after redirects, or None and why there is none."""
    for method in ("HEAD", "GET"):  # some servers refuse HEAD: then ask again with GET
        request = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with opener.open(request, timeout=timeout) as response:
                return response.status, response.reason
        except HTTPError as exc:
            if method == "HEAD" and exc.code in (403, 405, 501):
                continue
            return exc.code, exc.reason
        except URLError as exc:
            return None, str(exc.reason)
        except TimeoutError:
            return None, "timed out"
        except (OSError, ssl.SSLError) as exc:
            return None, str(exc)
    return None, "no answer"


def check_links(args) -> int:
    content = Path(args.content)
    found = find_addresses(content)
    urls = list(dict.fromkeys(item.url for item in found))
    timeout = max(1.0, min(float(args.timeout), MAX_TIMEOUT))
    problem = network_problem(args.probe, urls, min(timeout, 5.0))
    if problem:
        if args.require_network:
            print(f"check-links: no network ({problem}); nothing was checked", file=sys.stderr)
            return NO_NETWORK
        print(f"check-links: skipped: no network ({problem})")
        return 0
    try:
        context = ssl.create_default_context(cafile=args.ca_file)
    except (OSError, ssl.SSLError) as exc:
        print(f"check-links: cannot read --ca-file {args.ca_file}: {exc}", file=sys.stderr)
        return 2
    opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=context))
    jobs = max(1, min(int(args.jobs), MAX_JOBS))
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        answers = dict(zip(urls, pool.map(lambda url: _status(opener, url, timeout), urls), strict=False))
    broken = 0
    for item in found:
        status, reason = answers[item.url]
        if status is None or status >= 400:
            broken += 1
            what = f"{status} {reason}" if status else f"no answer ({reason})"
            print(f"error: {item.where()}: {item.url}: {what}", file=sys.stderr)
    print(f"check-links: {len(urls)} address(es) checked, {broken} broken")
    return 1 if broken else 0


def register(sub) -> None:
    parser = sub.add_parser(
        "check-links",
        help="check that every external address in content/ answers (needs the network; skipped without one)",
    )
    parser.add_argument("--content", default="content", help="the content folder (default: content)")
    parser.add_argument(
        "--timeout", default=10, type=float, help=f"seconds per request (1 to {MAX_TIMEOUT}; default 10)"
    )
    parser.add_argument("--jobs", default=8, type=int, help=f"requests at a time (1 to {MAX_JOBS}; default 8)")
    parser.add_argument(
        "--ca-file", default=None, help="trust the certificates in this PEM file (default: the system's)"
    )
    parser.add_argument(
        "--probe",
        default=None,
        metavar="HOST:PORT",
        type=host_port,
        help="where to test for a network first (default: the https proxy, else the first hosts)",
    )
    parser.add_argument(
        "--require-network", action="store_true", help=f"exit {NO_NETWORK} instead of 0 when there is no network"
    )
    parser.set_defaults(func=check_links)
