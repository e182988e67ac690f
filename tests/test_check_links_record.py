"""`exchange-guide check-links --record` against real servers on 127.0.0.1: HTTPS with a certificate
made here, answering 200, 301 and 308 (to a page that answers), 404, 410, a timeout, and a second
server whose certificate is not trusted. Only an address that answered gets a date; the YAML files
are otherwise byte-identical (comments, spacing, quoting, line ends); failures and redirects are
listed by file and line. The date comes from --today, never from the clock.

The content here is a small fixture written by the test, not the shipped content/."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import yaml
from servers import https_answering, self_signed_certificate

from exchange_guide.cli.main import main

TODAY = "2031-02-03"  # any date: the command writes what --today says
PROXY_VARIABLES = ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy")


@pytest.fixture
def servers(tmp_path, monkeypatch):
    """Server A (its certificate is the one --ca-file trusts) and server B (a certificate of its
    own, which nothing trusts). No proxy: the requests stay on this machine."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    release = threading.Event()
    trusted, untrusted = self_signed_certificate(tmp_path, "trusted"), self_signed_certificate(tmp_path, "untrusted")
    a, b = https_answering(*trusted, release), https_answering(*untrusted, release)
    yield f"https://127.0.0.1:{a.server_address[1]}", f"https://127.0.0.1:{b.server_address[1]}", trusted[0]
    release.set()
    for server in (a, b):
        server.shutdown()
        server.server_close()


# The fixture's files as templates: a line starting with "+" is added by --record, a line
# starting with "~" is "before|after"; every other line must come out exactly as it went in.
AGENCIES = """\
# A fixture: comments, blank lines and odd spacing must survive a record.
agencies:
  # Answers 200 and has no date yet: a line is added after url.
  - id: ok
    name: Ok   # a comment
    url: {A}/ok
+    checked: {today}
    areas: [tax]

  - id: old-date   # answers: its old date is replaced, its comment kept
    url:   {A}/ok-again    # spaces, and a comment
    areas: [tax]
~    checked: 2020-01-01   # written by hand|    checked: {today}   # written by hand
  - id: moved-301
    url: {A}/moved-301
+    checked: {today}
  - id: moved-308
    url: "{A}/moved-308"
+    checked: {today}
  - id: missing
    url: {A}/missing
  - id: gone
    url: {A}/gone
    checked: 2020-01-01
  - id: slow
    url: {A}/slow
  - id: untrusted
    url: {B}/ok
texts:
  note: 'A link in a text is asked too, but has no date to write: <{A}/ok-in-text> and [this]({A}/missing).'
"""

# Windows line ends, and a url that is the first key of its list item.
CONTACTS = """\
contacts:\r
  - url: {A}/ok\r
+    checked: {today}\r
    id: first\r
    note: {{sv: Hej}}\r
"""


def _versions(template: str, **values) -> tuple[str, str]:
    before, after = [], []
    for line in template.format(today=TODAY, **values).splitlines(keepends=True):
        if line.startswith("+"):
            after.append(line[1:])
        elif line.startswith("~"):
            old, new = line[1:].split("|")
            before.append(old + new[len(new.rstrip("\r\n")) :])
            after.append(new)
        else:
            before.append(line)
            after.append(line)
    return "".join(before), "".join(after)


def _line(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def _run(content: Path, a: str, ca_file: Path, *more: str) -> int:
    probe = a.removeprefix("https://")
    options = ["--ca-file", str(ca_file), "--probe", probe, "--timeout", "5", "--jobs", "8"]
    return main(["check-links", "--content", str(content), *options, *more])


def test_record_dates_only_what_answered_and_changes_nothing_else(tmp_path, servers, capsys):
    a, b, ca_file = servers
    content = tmp_path / "fixture"
    content.mkdir()
    agencies_before, agencies_after = _versions(AGENCIES, A=a, B=b)
    contacts_before, contacts_after = _versions(CONTACTS, A=a, B=b)
    sources_before = f"sources:\n  - id: last\n    url: {a}/ok-last"  # the file's last line, no line end
    sources_after = sources_before + f"\n    checked: {TODAY}\n"
    (content / "agencies.yml").write_bytes(agencies_before.encode())
    (content / "contacts.yml").write_bytes(contacts_before.encode())
    (content / "sources.yml").write_bytes(sources_before.encode())

    code = _run(content, a, ca_file, "--record", "--today", TODAY)
    captured = capsys.readouterr()

    assert code == 1, captured  # broken addresses: the run fails, and still records what answered
    assert (content / "agencies.yml").read_bytes().decode() == agencies_after, captured
    assert (content / "contacts.yml").read_bytes().decode() == contacts_after, captured
    assert (content / "sources.yml").read_bytes().decode() == sources_after, captured

    # No date for an address that failed, and an old date of one that failed now is left alone.
    tree = {item["id"]: item for item in yaml.safe_load(agencies_after)["agencies"]}
    for failed in ("missing", "slow", "untrusted"):
        assert "checked" not in tree[failed], failed
    assert str(tree["gone"]["checked"]) == "2020-01-01"

    # Every failure by file, line and field, with what went wrong.
    errors = captured.err.splitlines()

    def error_for(url: str, line: int) -> str:
        found = [e for e in errors if e.startswith(f"error: fixture/agencies.yml:{line}: ") and f" {url}: " in e]
        assert len(found) == 1, (url, line, errors)
        return found[0]

    assert error_for(f"{a}/missing", _line(agencies_before, f"url: {a}/missing")).endswith(": 404 Not Found")
    assert error_for(f"{a}/gone", _line(agencies_before, f"url: {a}/gone")).endswith(": 410 Gone")
    assert "no answer (" in error_for(f"{a}/slow", _line(agencies_before, f"url: {a}/slow"))
    assert "CERTIFICATE_VERIFY_FAILED" in error_for(f"{b}/ok", _line(agencies_before, f"url: {b}/ok"))
    assert error_for(f"{a}/missing", _line(agencies_before, "texts:") + 1)  # the link in the text too
    assert len(errors) == 5, errors

    # Redirects with the new address, by file and line; they answered, so they are dated.
    out = captured.out.splitlines()
    for index, path, status, new in ((2, "/moved-301", 301, "/ok-after-301"), (3, "/moved-308", 308, "/ok-after-308")):
        line = _line(agencies_before, f"{a}{path}")
        where = f"redirect: fixture/agencies.yml:{line}: field 'agencies[{index}].url': "
        assert f"{where}{a}{path} -> {a}{new} ({status}); write the new address" in out, out
    assert any("address(es) checked, 4 broken, 2 redirected" in o for o in out), out
    recorded = [o for o in out if o.startswith(f"check-links: recorded checked: {TODAY} in ")]
    assert recorded == [
        f"check-links: recorded checked: {TODAY} in fixture/{name}, line(s) {', '.join(map(str, _dated(text)))}"
        for name, text in (
            ("agencies.yml", agencies_after),
            ("contacts.yml", contacts_after),
            ("sources.yml", sources_after),
        )
    ]


def _dated(text: str) -> list[int]:
    """The lines that carry today's date."""
    return [number for number, line in enumerate(text.splitlines(), 1) if f"checked: {TODAY}" in line]


def test_an_entry_the_lines_cannot_be_edited_in_stops_the_record_before_any_file_is_written(tmp_path, servers, capsys):
    a, _, ca_file = servers
    content = tmp_path / "fixture"
    content.mkdir()
    block = f"agencies:\n  - id: ok\n    url: {a}/ok\n"
    flow = f"sources:\n  - {{id: flow, url: {a}/ok-flow}}\n"
    (content / "agencies.yml").write_text(block)
    (content / "sources.yml").write_text(flow)
    code = _run(content, a, ca_file, "--record", "--today", TODAY)
    captured = capsys.readouterr()
    assert code == 2
    assert "cannot record: fixture/sources.yml:2: field 'sources[0].url'" in captured.err
    assert (content / "agencies.yml").read_text() == block and (content / "sources.yml").read_text() == flow


def test_without_a_network_record_writes_nothing_and_fails(tmp_path, capsys):
    from servers import free_port

    content = tmp_path / "fixture"
    content.mkdir()
    text = "agencies:\n  - id: ok\n    url: https://127.0.0.1:9/ok\n"
    (content / "agencies.yml").write_text(text)
    code = main(["check-links", "--content", str(content), "--probe", f"127.0.0.1:{free_port()}", "--record"])
    assert code == 3
    assert "nothing was checked or recorded" in capsys.readouterr().err
    assert (content / "agencies.yml").read_text() == text


def test_today_must_be_a_date(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["check-links", "--record", "--today", "tomorrow"])
    assert exit_.value.code == 2
    assert "expected a date written YYYY-MM-DD, got 'tomorrow'" in capsys.readouterr().err
