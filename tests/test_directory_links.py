"""`exchange-guide check-links`: skipped plainly without a network, and against a real local HTTPS
server a broken address is reported with file, line, field and status.

No test here may reach any host but 127.0.0.1: the offline cases probe a closed loopback port,
and the online case first rewrites every address in a content copy to the local server."""

import re

import pytest
from servers import free_port, https_answering, self_signed_certificate

from exchange_guide.cli.check_links import find_addresses
from exchange_guide.cli.main import main

PROXY_VARIABLES = ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy")


@pytest.fixture
def closed_port() -> int:
    return free_port()  # bound and released at once: nothing listens there


def test_without_a_network_the_check_is_skipped_and_says_so(content_copy, closed_port, capsys):
    code = main(["check-links", "--content", str(content_copy), "--probe", f"127.0.0.1:{closed_port}"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("check-links: skipped: no network (") and f"127.0.0.1:{closed_port}" in out


def test_a_closed_proxy_also_means_no_network(content_copy, closed_port, capsys, monkeypatch):
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HTTPS_PROXY", f"http://127.0.0.1:{closed_port}")
    assert main(["check-links", "--content", str(content_copy)]) == 0
    assert "skipped: no network" in capsys.readouterr().out


def test_require_network_turns_the_skip_into_a_failure(content_copy, closed_port, capsys):
    code = main(
        ["check-links", "--content", str(content_copy), "--probe", f"127.0.0.1:{closed_port}", "--require-network"]
    )
    assert code == 3
    assert "no network" in capsys.readouterr().err


def test_every_address_in_the_content_is_found(project_root):
    from content_edits import shipped_content

    found = find_addresses(project_root / "content")
    agencies = shipped_content().pages["directory"]["agencies"]
    assert {a["url"] for a in agencies} <= {f.url for f in found}
    first = next(f for f in found if f.url == agencies[0]["url"])
    assert first.path == "content/agencies.yml" and first.field == "agencies[0].url"


@pytest.fixture
def https_server(tmp_path):
    """A real HTTPS server on 127.0.0.1 with a self-signed certificate made by openssl."""
    cert, key = self_signed_certificate(tmp_path)
    server = https_answering(cert, key)
    yield f"https://127.0.0.1:{server.server_address[1]}", cert
    server.shutdown()
    server.server_close()


def _point_every_address_at(base: str, content_copy, monkeypatch) -> None:
    """No proxy, and every address in the copy at the local server's /ok: the test stays on this machine."""
    for name in PROXY_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for path in content_copy.glob("*.yml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(re.sub(r"https://[^\s<>\"'()\[\]]+", f"{base}/ok", text), encoding="utf-8")


def test_a_broken_address_is_reported_with_file_line_field_and_status(content_copy, https_server, capsys, monkeypatch):
    base, cert = https_server
    _point_every_address_at(base, content_copy, monkeypatch)  # then break the first agency's
    agencies = content_copy / "agencies.yml"
    text = agencies.read_text(encoding="utf-8")
    agencies.write_text(text.replace(f"url: {base}/ok", f"url: {base}/missing", 1), encoding="utf-8")
    line = text[: text.index(f"url: {base}/ok")].count("\n") + 1
    found = find_addresses(content_copy)
    assert found and all(f.url.startswith(base) for f in found), "the test must not leave this machine"

    code = main(
        [
            "check-links",
            "--content",
            str(content_copy),
            "--ca-file",
            str(cert),
            "--probe",
            base.removeprefix("https://"),
            "--timeout",
            "5",
            "--jobs",
            "4",
        ]
    )
    captured = capsys.readouterr()
    assert code == 1, captured
    assert captured.err.strip().splitlines() == [
        f"error: content/agencies.yml:{line}: field 'agencies[0].url': {base}/missing: 404 Not Found"
    ]
    assert "2 address(es) checked, 1 broken" in captured.out


def test_an_untrusted_certificate_is_a_broken_address(content_copy, https_server, capsys, monkeypatch):
    base, _ = https_server
    _point_every_address_at(base, content_copy, monkeypatch)
    code = main(
        ["check-links", "--content", str(content_copy), "--probe", base.removeprefix("https://"), "--timeout", "5"]
    )
    captured = capsys.readouterr()
    assert code == 1
    assert "no answer (" in captured.err and "CERTIFICATE_VERIFY_FAILED" in captured.err
