"""The response headers the guide needs from any web server, as checks one response at a time.

The shipped nginx.conf sends them (tests/test_publishing_server.py holds it to these checks, for
every kind of file), docs/publishers.md lists them for other servers, and `exchange-guide
check-server URL` holds a publisher's own server to the very same checks. A header may be
stricter than ours (a Content-Security-Policy that allows less, a Referrer-Policy that sends
nothing), never looser.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

# Content-Security-Policy: the browser may load and run only what the site serves. Pyodide
# compiles WebAssembly ('wasm-unsafe-eval'); the theme draws a few icons as data: SVGs.
CSP = {
    "default-src": ("'self'",),
    "script-src": ("'self'", "'wasm-unsafe-eval'"),
    "worker-src": ("'self'",),
    "connect-src": ("'self'",),
    "img-src": ("'self'", "data:"),
    "style-src": ("'self'",),
    "font-src": ("'self'",),
    "object-src": ("'none'",),
    "base-uri": ("'self'",),
    "form-action": ("'self'",),
    "frame-ancestors": ("'none'",),
}
POLICY = "; ".join(f"{name} {' '.join(sources)}" for name, sources in CSP.items())
# Powerful features the guide never uses, switched off for it and anything it could embed.
DENIED_FEATURES = (
    "accelerometer",
    "camera",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "payment",
    "usb",
)
PERMISSIONS = ", ".join(f"{feature}=()" for feature in DENIED_FEATURES)
# The security headers every response carries (error pages too), with the values nginx.conf sends.
SECURITY = {
    "Content-Security-Policy": POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": PERMISSIONS,
    # A window the guide opens, or that opens it, gets no handle on it; no other site may load its
    # files. Neither asks for cross-origin isolation, which Pyodide does not need here.
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
STRICTER_REFERRER = ("same-origin", "no-referrer")
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"
HSTS_MIN_AGE = 15_552_000  # half a year: browsers' and OWASP's least recommendation


@dataclass(frozen=True)
class Kind:
    """A kind of file the site serves: what status, type and caching its response must have."""

    name: str
    status: int
    types: tuple[str, ...]
    long_lived: bool  # its name changes with its content: kept for a year


KINDS = {
    kind.name: kind
    for kind in (
        Kind("page", 200, ("text/html",), False),
        Kind("page not found", 404, ("text/html",), False),
        Kind("rules (JSON)", 200, ("application/json",), False),
        Kind("search index", 200, ("application/json",), False),
        Kind("calculator worker", 200, ("text/javascript", "application/javascript"), False),
        Kind("guide script", 200, ("text/javascript", "application/javascript"), False),
        Kind("style sheet", 200, ("text/css",), False),
        Kind("theme bundle", 200, ("text/javascript", "application/javascript"), True),
        Kind("theme style sheet", 200, ("text/css",), True),
        Kind("search worker", 200, ("text/javascript", "application/javascript"), True),
        Kind("Pyodide module", 200, ("text/javascript", "application/javascript"), True),
        Kind("Pyodide WebAssembly", 200, ("application/wasm",), True),
        Kind("calculator snapshot", 200, ("application/octet-stream",), True),
    )
}


def _directives(policy: str) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            found.setdefault(words[0].lower(), set(words[1:]))
    return found


def policy_problems(policy: str | None) -> list[str]:
    """What a Content-Security-Policy lacks or allows beyond ours."""
    if not policy:
        return ["no Content-Security-Policy"]
    found, problems = _directives(policy), []
    for name, sources in CSP.items():
        if name not in found:
            problems.append(f"Content-Security-Policy has no {name} (ours: {' '.join(sources)})")
        elif found[name] - set(sources) and found[name] != {"'none'"}:
            extra = " ".join(sorted(found[name] - set(sources)))
            problems.append(f"Content-Security-Policy's {name} allows {extra} (ours: {' '.join(sources)})")
    return problems


def _permissions_problems(value: str | None) -> list[str]:
    if not value:
        return ["no Permissions-Policy"]
    denied = {match.group(1) for match in re.finditer(r"([a-z-]+)=\(\)", value)}
    missing = [feature for feature in DENIED_FEATURES if feature not in denied]
    return [f"Permissions-Policy does not switch off {', '.join(missing)}"] if missing else []


def _hsts_problems(value: str | None) -> list[str]:
    age = re.search(r"max-age=(\d+)", value or "")
    if age is None:
        return ["no Strict-Transport-Security over HTTPS"]
    return [] if int(age.group(1)) >= HSTS_MIN_AGE else [f"Strict-Transport-Security max-age below {HSTS_MIN_AGE}"]


def response_problems(kind: Kind, status: int, headers: Mapping[str, str], https: bool) -> list[str]:
    """What is wrong with one response for a file of `kind` (`headers` with lower-case names)."""
    problems = [] if status == kind.status else [f"status {status}, not {kind.status}"]
    problems += policy_problems(headers.get("content-security-policy"))
    for name in ("X-Content-Type-Options", "Cross-Origin-Opener-Policy", "Cross-Origin-Resource-Policy"):
        value = headers.get(name.lower())
        if value is None:
            problems.append(f"no {name} (ours: {SECURITY[name]})")
        elif value.strip().lower() != SECURITY[name].lower():
            problems.append(f"{name} is {value!r}, not {SECURITY[name]!r}")
    referrer = headers.get("referrer-policy")
    if (referrer or "").strip().lower() not in STRICTER_REFERRER:
        problems.append(
            f"Referrer-Policy is {referrer!r}, not {' or '.join(STRICTER_REFERRER)}"
            if referrer
            else f"no Referrer-Policy (ours: {SECURITY['Referrer-Policy']})"
        )
    problems += _permissions_problems(headers.get("permissions-policy"))
    if https:
        problems += _hsts_problems(headers.get("strict-transport-security"))
    if re.search(r"\d", headers.get("server", "")):
        problems.append(f"Server {headers['server']!r} tells the server's version (nginx: server_tokens off)")
    media_type = headers.get("content-type", "").split(";")[0].strip().lower()
    if media_type not in kind.types:
        problems.append(f"Content-Type {media_type or 'none'!r}, not {' or '.join(kind.types)}")
    cache = headers.get("cache-control", "")
    if kind.long_lived and cache != IMMUTABLE:
        problems.append(f"Cache-Control {cache!r}, not {IMMUTABLE!r} (its name changes with its content)")
    if not kind.long_lived and not re.search(r"no-cache|no-store|max-age=0\b", cache):
        problems.append(f"Cache-Control {cache!r}, not {REVALIDATE!r} (a new version must be seen at once)")
    return problems
