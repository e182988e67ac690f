"""`exchange-guide check-links`: do the external addresses in content/ still answer?

Every https address in every content file (url fields, Markdown links and autolinks in texts)
is found with the file, line and field it stands in, and each address is asked once. This is
the only command that needs the network; the build never does. Without a network it says so
plainly and exits 0 (or 3 with --require-network), so it can run on a closed build machine.

With `--record` (an editor on a connected machine) the day's date is written into `checked:` of
each entry whose `url:` answered, by editing lines: the files keep their comments and layout, an
entry without `checked:` gets the line after its `url:`, and an address that failed gets no date.
A `checked:` date therefore only ever says that the address answered on that day.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import socket
import ssl
import sys
import tempfile
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http.client import HTTPMessage
from pathlib import Path
from typing import IO, Any
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit

from ..model.errors import ContentError
from ..model.schema import At, Report
from ..model.yamlload import Node, NodeList, load_yaml
from .arguments import iso_date

ADDRESS = re.compile(r"https://[^\s<>\"'()\[\]]+")
USER_AGENT = "exchange-guide-check-links/1 (+link check of a static guide)"
NO_NETWORK = 3
MAX_JOBS, MAX_TIMEOUT = 16, 60
OWN_ADDRESS_FIELDS = {"site_url"}  # where the guide itself is published: not an external address


@dataclass(frozen=True)
class Found:
    url: str
    path: str
    line: int
    field: str

    def where(self) -> str:
        return f"{self.path}:{self.line}: field '{self.field}'"


@dataclass(frozen=True)
class Answer:
    """What an address answered: the final status (None: no answer, and why), and where its
    redirects led (empty when it answered where it stands)."""

    status: int | None
    reason: str
    redirects: tuple[tuple[int, str], ...] = ()

    @property
    def answered(self) -> bool:
        return self.status is not None and self.status < 400


def _walk(value, at: At, out: list[Found]) -> None:
    if isinstance(value, dict):
        for key, child in value.items():
            if key not in OWN_ADDRESS_FIELDS:
                _walk(child, at.child(key), out)
    elif isinstance(value, list):
        for index, child in enumerate(value):
            _walk(child, at.child(index), out)
    elif isinstance(value, str):
        for match in ADDRESS.finditer(value):
            out.append(Found(match.group().rstrip(".,;:!?"), at.report.path, at.line or 0, at.field))


def _files(content: Path):
    for file in sorted(content.glob("*.yml")):
        shown = f"{content.name}/{file.name}"
        yield file, Report(shown, (), "", load_yaml(file, shown))


def find_addresses(content: Path) -> list[Found]:
    """Every https address in content/*.yml, in file order, located as every content error is."""
    found: list[Found] = []
    for _, report in _files(content):
        _walk(report.tree, report.at(), found)
    return found


# --- asking ---------------------------------------------------------------------------------


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
    hosts = [host for host in dict.fromkeys(urlsplit(url).hostname for url in urls) if host][:3]
    problems = [_reachable(host, 443, timeout) for host in hosts]
    return None if not hosts or None in problems else problems[0]


class _NotedRequest(urllib.request.Request):
    """A request that carries the redirects on its way: (status, new address) each, in one list
    shared by every request along the chain."""

    def __init__(self, url: str, redirects: list[tuple[int, str]], **options: Any):
        super().__init__(url, **options)
        self.redirects = redirects


class _NotingRedirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects as urllib does, and notes each on the request (_NotedRequest)."""

    def redirect_request(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: HTTPMessage, newurl: str
    ) -> urllib.request.Request | None:
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is None or not isinstance(req, _NotedRequest):
            return new
        req.redirects.append((code, newurl))
        return _NotedRequest(
            new.full_url,
            req.redirects,
            method=new.get_method(),
            headers=dict(new.header_items()),
            origin_req_host=new.origin_req_host,
            unverifiable=new.unverifiable,
        )


def _ask(opener, url: str, timeout: float) -> Answer:
    """The final HTTP status after redirects, or None and why there is none."""
    for method in ("HEAD", "GET"):  # some servers refuse HEAD: then ask again with GET
        request = _NotedRequest(url, [], method=method, headers={"User-Agent": USER_AGENT})
        try:
            with opener.open(request, timeout=timeout) as response:
                return Answer(response.status, response.reason, tuple(request.redirects))
        except HTTPError as exc:
            if method == "HEAD" and exc.code in (403, 405, 501):
                continue
            return Answer(exc.code, exc.reason, tuple(request.redirects))
        except URLError as exc:
            return Answer(None, str(exc.reason))
        except TimeoutError:
            return Answer(None, "timed out")
        except (OSError, ssl.SSLError) as exc:
            return Answer(None, str(exc))
    return Answer(None, "no answer")


# --- recording ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """A mapping with a `url:` of its own: the lines of that key and of its `checked:` (or None)."""

    file: Path
    shown: str
    field: str
    url: str
    url_line: int
    checked_line: int | None


def find_entries(content: Path) -> list[Entry]:
    """Every mapping in content/*.yml with a `url:` of its own, which takes a `checked:` date."""
    entries: list[Entry] = []

    def walk(node, at: At, file: Path):
        if isinstance(node, Node):
            if isinstance(node.get("url"), str):
                checked = node.line_of("checked") if "checked" in node else None
                entries.append(
                    Entry(file, at.report.path, at.child("url").field, node["url"], node.line_of("url"), checked)
                )
            for key, child in node.items():
                walk(child, at.child(key), file)
        elif isinstance(node, NodeList):
            for index, child in enumerate(node):
                walk(child, at.child(index), file)

    for file, report in _files(content):
        walk(report.tree, report.at(), file)
    return entries


class CannotRecord(Exception):
    """A line is not laid out as `url: <address>` or `checked: <date>` in block style."""


# `  key: value  # comment` in block style (also `- key: value`, the first key of a list item).
_KEY = re.compile(r"^(?P<indent>[ \t]*(?:-[ \t]+)?)(?P<key>[A-Za-z_]+):(?:[ \t]+|$)")
_COMMENT = re.compile(r"[ \t]+#|$")


def _indent(line: str) -> int:
    """How far the key of a `key: value` line (a list item's too) stands in."""
    match = _KEY.match(line)
    return len(match["indent"].expandtabs()) if match else 0


def _value_span(line: str, key: str) -> tuple[int, int] | None:
    """Where the value of `key:` stands in this line (without comment or line end), or None
    when the line is not that key in block style."""
    match = _KEY.match(line)
    if not match or match["key"] != key:
        return None
    body = line.rstrip("\r\n")
    start = match.end()
    comment = _COMMENT.search(body[start:])
    return start, start + (comment.start() if comment else len(body) - start)


def _record_lines(lines: list[str], entries: list[Entry], today: dt.date) -> tuple[list[str], list[int]]:
    """The file's lines with `checked: today` for each entry, and the line numbers written: an
    entry's own `checked:` value replaced, or a new line after its `url:` at the same indentation.
    Every other byte stays as it was."""
    lines = list(lines)
    date = today.isoformat()
    inserts: dict[int, str] = {}  # after this line number: the new line
    changed: list[int] = []
    for entry in entries:
        line = lines[entry.url_line - 1]
        span = _value_span(line, "url")
        if span is None or line[span[0] : span[1]].strip("'\"") != entry.url:
            raise CannotRecord(f"{entry.shown}:{entry.url_line}: field '{entry.field}': not a line 'url: {entry.url}'")
        if entry.checked_line is not None:
            old = lines[entry.checked_line - 1]
            checked = _value_span(old, "checked")
            if checked is None:
                raise CannotRecord(f"{entry.shown}:{entry.checked_line}: not a line 'checked: <date>'")
            lines[entry.checked_line - 1] = old[: checked[0]] + date + old[checked[1] :]
            changed.append(entry.checked_line)
        else:
            indent = " " * _indent(line)
            end = line[len(line.rstrip("\r\n")) :] or "\n"
            inserts[entry.url_line] = f"{indent}checked: {date}{end}"
    for after in sorted(inserts, reverse=True):
        if not lines[after - 1].endswith("\n"):  # the url was the file's last line, without a line end
            lines[after - 1] += "\n"
        lines.insert(after, inserts[after])
    # Line numbers after the insertions: each moves down by the insertions above it.
    shift = sorted(inserts)
    numbers = [n + sum(1 for after in shift if after < n) for n in changed]
    numbers += [after + 1 + sum(1 for other in shift if other < after) for after in shift]
    return lines, sorted(numbers)


def _verify(path: Path, entries: list[Entry], today: dt.date, shown: str) -> None:
    """The edited file (written beside the original) still reads as YAML, and each entry now says
    `checked: today`."""
    try:
        tree = load_yaml(path, shown)
    except ContentError as exc:
        raise CannotRecord(f"{shown}: the file would no longer read as YAML ({exc.describe()})") from None
    wanted = {entry.url for entry in entries}
    found = set()

    def walk(node):
        if isinstance(node, dict):
            if node.get("url") in wanted:
                if node.get("checked") != today:
                    raise CannotRecord(f"{shown}: the entry for {node['url']} would not read checked: {today}")
                found.add(node["url"])
            for child in node.values():
                walk(child)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(tree)
    if found != wanted:
        raise CannotRecord(f"{shown}: the entries for {', '.join(sorted(wanted - found))} would be lost")


def record(entries: list[Entry], today: dt.date) -> dict[str, list[int]]:
    """Write `checked: today` into each entry: every file is edited and checked in a copy beside
    it first, and only when all of them are right do the copies replace the files (no half-written
    content). Returns, per file, the lines the dates now stand on."""
    by_file: dict[Path, list[Entry]] = {}
    for entry in entries:
        by_file.setdefault(entry.file, []).append(entry)
    written: dict[str, list[int]] = {}
    copies: dict[Path, str] = {}
    try:
        for file, mine in by_file.items():
            # Lines end at "\n" only, as the YAML loader counts them (str.splitlines also breaks at
            # form feeds and other characters that are not line ends in YAML).
            text = file.read_bytes().decode("utf-8")
            lines, numbers = _record_lines(re.findall(r"[^\n]*\n|[^\n]+$", text), mine, today)
            with tempfile.NamedTemporaryFile("wb", dir=file.parent, prefix=f".{file.name}.", delete=False) as out:
                out.write("".join(lines).encode("utf-8"))
            copies[file] = out.name
            _verify(Path(out.name), mine, today, mine[0].shown)
            written[mine[0].shown] = numbers
    except BaseException:
        for copy in copies.values():
            os.unlink(copy)
        raise
    for file, copy in copies.items():
        os.chmod(copy, file.stat().st_mode & 0o777)
        os.replace(copy, file)
    return written


# --- the command ----------------------------------------------------------------------------


def check_links(args) -> int:
    content = Path(args.content)
    found = find_addresses(content)
    urls = list(dict.fromkeys(item.url for item in found))
    timeout = max(1.0, min(float(args.timeout), MAX_TIMEOUT))
    problem = network_problem(args.probe, urls, min(timeout, 5.0))
    if problem:
        if args.require_network or args.record:
            print(f"check-links: no network ({problem}); nothing was checked or recorded", file=sys.stderr)
            return NO_NETWORK
        print(f"check-links: skipped: no network ({problem})")
        return 0
    try:
        context = ssl.create_default_context(cafile=args.ca_file)
    except (OSError, ssl.SSLError) as exc:
        print(f"check-links: cannot read --ca-file {args.ca_file}: {exc}", file=sys.stderr)
        return 2
    opener = urllib.request.build_opener(urllib.request.HTTPSHandler(context=context), _NotingRedirects())
    jobs = max(1, min(int(args.jobs), MAX_JOBS))
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        answers = dict(zip(urls, pool.map(lambda url: _ask(opener, url, timeout), urls), strict=True))
    for item in found:
        answer = answers[item.url]
        if not answer.answered:
            what = f"{answer.status} {answer.reason}" if answer.status else f"no answer ({answer.reason})"
            print(f"error: {item.where()}: {item.url}: {what}", file=sys.stderr)
        elif answer.redirects:
            new = answer.redirects[-1][1]
            codes = " then ".join(str(step) for step, _ in answer.redirects)
            print(f"redirect: {item.where()}: {item.url} -> {new} ({codes}); write the new address")
    broken = sum(not answer.answered for answer in answers.values())
    redirected = sum(answer.answered and bool(answer.redirects) for answer in answers.values())
    print(f"check-links: {len(urls)} address(es) checked, {broken} broken, {redirected} redirected")
    if args.record:
        today = args.today or dt.date.today()
        answered = [entry for entry in find_entries(content) if answers.get(entry.url, Answer(None, "")).answered]
        try:
            written = record(answered, today)
        except CannotRecord as exc:
            print(f"check-links: cannot record: {exc}", file=sys.stderr)
            return 2
        for shown, lines in written.items():
            print(f"check-links: recorded checked: {today} in {shown}, line(s) {', '.join(map(str, lines))}")
        if not written:
            print("check-links: nothing recorded: no entry's url answered")
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
    parser.add_argument(
        "--record",
        action="store_true",
        help="write the date into `checked:` of each entry whose url answered (never for one that failed); "
        f"without a network, exit {NO_NETWORK}",
    )
    parser.add_argument(
        "--today", default=None, type=iso_date, help="the date --record writes, YYYY-MM-DD (default: today)"
    )
    parser.set_defaults(func=check_links)
