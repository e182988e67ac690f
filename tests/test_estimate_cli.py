"""`exchange-guide estimate`: the examples, --json, and bad input / bad content -> exit 2, one line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from exchange_guide.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
CONTENT = str(ROOT / "content")


def estimate(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["estimate", *args, "--content", CONTENT])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    "home, host, start, end, eligible, stipend",
    [
        ("SE", "NO", "2026-03-02", "2026-05-01", "yes", "36,000 DKK"),
        ("SE", "DK", "2026-03-02", "2026-03-15", "yes", "8,400 DKK"),
        ("SE", "DK", "2026-03-02", "2026-03-14", "no", "0 DKK"),
        ("DK", "NO", "2007-03-01", "2007-05-31", "yes", "24,000 DKK"),
    ],
)
def test_examples(capsys, home, host, start, end, eligible, stipend):
    code, out, err = estimate(capsys, "--home", home, "--host", host, "--start", start, "--end", end)
    assert (code, err) == (0, "")
    assert f"Eligible:  {eligible}\n" in out
    assert f"Stipend:   {stipend}" in out


@pytest.mark.parametrize(
    "home, host, start, end, eligible, stipend",
    [
        ("SE", "NO", "2026-03-02", "2026-05-01", True, 36000),
        ("SE", "DK", "2026-03-02", "2026-03-15", True, 8400),
        ("SE", "DK", "2026-03-02", "2026-03-14", False, 0),
        ("DK", "NO", "2007-03-01", "2007-05-31", True, 24000),
    ],
)
def test_examples_json(capsys, home, host, start, end, eligible, stipend):
    code, out, err = estimate(capsys, "--home", home, "--host", host, "--start", start, "--end", end, "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert (data["eligible"], data["stipend_dkk"]) == (eligible, stipend)


def test_json_keys(capsys):
    code, out, _ = estimate(
        capsys,
        "--home",
        "SE",
        "--host",
        "NO",
        "--start",
        "2026-03-02",
        "--end",
        "2026-05-01",
        "--leave-days",
        "5",
        "--travel-cost",
        "1234.50",
        "--travel-currency",
        "SEK",
        "--family-members",
        "2",
        "--json",
    )
    assert code == 0
    data = json.loads(out)
    assert {
        "eligible",
        "stipend_dkk",
        "months",
        "extra_days",
        "days",
        "leave_days",
        "rule_set",
        "monthly_rate_dkk",
        "reasons",
        "travel",
        "family_travel",
        "moving",
        "home_trip",
    } <= set(data)
    assert data["stipend_dkk"] == 33000 and data["leave_days"] == 5
    assert data["travel"]["cost"] == {"amount": "1234.50", "currency": "SEK"}
    assert data["family_travel"]["family_members"] == 2
    assert all({"code", "ok", "source"} <= set(reason) for reason in data["reasons"])


def test_summary_mentions_travel_family_and_sources(capsys):
    code, out, _ = estimate(
        capsys,
        "--home",
        "DK",
        "--host",
        "SE",
        "--start",
        "2007-01-01",
        "--end",
        "2007-12-31",
        "--travel-cost",
        "2500",
        "--travel-currency",
        "DKK",
        "--family-members",
        "3",
    )
    assert code == 0
    assert "Stipend:   96,000 DKK" in out
    assert "(as entered: 2500 DKK)" in out
    assert "family members moving along: 3" in out
    assert "[source: dk-circular-2007]" in out
    assert "Report:" in out


def test_no_rule_set(capsys):
    code, out, _ = estimate(capsys, "--home", "SE", "--host", "NO", "--start", "2010-03-01", "--end", "2010-04-30")
    assert code == 0
    assert "rule set: none" in out and "no rules published" in out and "Eligible:  no" in out


def test_default_content_folder_is_content(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main(["estimate", "--home", "SE", "--host", "NO", "--start", "2026-03-02", "--end", "2026-05-01"]) == 0
    assert "36,000 DKK" in capsys.readouterr().out


BASE = ["--home", "SE", "--host", "NO", "--start", "2026-03-02", "--end", "2026-05-01"]


def replace(option: str, value: str | None) -> list[str]:
    args = list(BASE)
    if option in args:
        at = args.index(option)
        del args[at : at + 2]
    return args + ([option, value] if value is not None else [])


@pytest.mark.parametrize(
    "args, option, words",
    [
        (replace("--home", "XX"), "--home", "unknown country 'XX'"),
        (replace("--host", "Narnia"), "--host", "unknown country"),
        (replace("--home", None), "--home", "is required"),
        (replace("--start", "2026-02-30"), "--start", "not a date written YYYY-MM-DD"),
        (replace("--end", "1 May 2026"), "--end", "not a date written YYYY-MM-DD"),
        (replace("--end", "2026-03-01"), "--end", "before the start date"),
        ([*BASE, "--leave-days", "-3"], "--leave-days", "negative"),
        ([*BASE, "--leave-days", "three"], "--leave-days", "not a whole number"),
        ([*BASE, "--leave-days", "100"], "--leave-days", "more than the days of service"),
        ([*BASE, "--family-members", "-1"], "--family-members", "negative"),
        ([*BASE, "--travel-cost", "lots", "--travel-currency", "SEK"], "--travel-cost", "not an amount"),
        ([*BASE, "--travel-cost", "250000", "--travel-currency", "SEK"], "--travel-cost", "above 100000"),
        ([*BASE, "--travel-cost", "250"], "--travel-currency", "is required"),
        ([*BASE, "--travel-cost", "250", "--travel-currency", "USD"], "--travel-currency", "unknown currency 'USD'"),
    ],
)
def test_bad_input_exits_2_with_one_line(capsys, args, option, words):
    code, out, err = estimate(capsys, *args)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.startswith(f"error: {option}: ")
    assert words in err
    assert "Traceback" not in err


def test_several_bad_options_still_one_line(capsys):
    code, _, err = estimate(
        capsys, "--home", "XX", "--host", "NO", "--start", "2026-13-01", "--end", "2026-05-01", "--leave-days", "-1"
    )
    assert code == 2
    assert err.count("\n") == 1
    assert "--home:" in err and "--start:" in err and "--leave-days:" in err


def test_bad_content_exits_2_with_file_line_field(capsys, tmp_path):
    text = (ROOT / "content" / "rules.yml").read_text(encoding="utf-8")
    broken = text.replace(
        "valid_from: 2016-01-01\n    valid_to: 2017-12-31\n    values:",
        "valid_from: 2016-01-01\n    valid_to: 2015-12-31\n    values:",
        1,
    )
    assert broken != text
    (tmp_path / "rules.yml").write_text(broken, encoding="utf-8")
    (tmp_path / "site.yml").write_bytes((ROOT / "content" / "site.yml").read_bytes())  # the languages
    line = next(n for n, row in enumerate(broken.splitlines(), 1) if "valid_to: 2015-12-31" in row)
    code = main(["estimate", *BASE, "--content", str(tmp_path)])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    index = [rs["id"] for rs in yaml.safe_load(text)["rule_sets"]].index("general-2016")
    assert f"{tmp_path / 'rules.yml'}:{line}: field 'rule_sets[{index}].valid_to': valid_to 2015-12-31 is before" in err
    assert "Traceback" not in err


def test_missing_rules_file_exits_2(capsys, tmp_path):
    (tmp_path / "site.yml").write_bytes((ROOT / "content" / "site.yml").read_bytes())  # the languages
    code = main(["estimate", *BASE, "--content", str(tmp_path)])
    out, err = capsys.readouterr()
    assert (code, out) == (2, "")
    assert err == f"error: {tmp_path / 'rules.yml'}: file not found\n"


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "exchange_guide", "estimate", *args, "--content", CONTENT],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
        check=False,
    )


def test_real_process_example_and_bad_input():
    done = run_cli(*BASE)
    assert done.returncode == 0 and "Stipend:   36,000 DKK" in done.stdout
    done = run_cli("--home", "SE", "--host", "NO", "--start", "2026-03-02", "--end", "2026-01-01")
    assert done.returncode == 2
    assert done.stderr == "error: --end: the end date 2026-01-01 is before the start date 2026-03-02\n"
