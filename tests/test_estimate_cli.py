"""`exchange-guide estimate`: the examples, --json, and bad input / bad content -> exit 2, one line.
The sources give the stipend as a ceiling: the summary says "up to" and the JSON `max_stipend_dkk`.
The figures come from the cases' rules fixture (tests/cases/rules.yml), not the shipped rules, so an
editor's change to content/rules.yml leaves these tests as they are."""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import calculators
from exchange_guide.cli import estimate as estimate_cli
from exchange_guide.cli.main import main

_spec = importlib.util.spec_from_file_location("case_support", Path(__file__).parent / "cases" / "case_support.py")
case_support = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(case_support)

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ""  # content/ with the fixture rules, made once for the module (below)


@pytest.fixture(scope="module", autouse=True)
def _fixture_content(tmp_path_factory):
    global CONTENT  # noqa: PLW0603 (every test of the module runs against the same copy)
    CONTENT = str(case_support.fixture_content(tmp_path_factory.mktemp("cli") / "content"))


def estimate(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["estimate", *args, "--content", CONTENT])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    "home, host, start, end, eligible, stipend",
    [
        ("SE", "NO", "2026-03-02", "2026-05-01", "yes", "up to 36,000 DKK (at most 18,000 DKK a month"),
        ("SE", "DK", "2026-03-02", "2026-03-15", "yes", "up to 8,400 DKK"),
        ("SE", "DK", "2026-03-02", "2026-03-14", "no", "0 DKK (the stay does not qualify)"),
        ("DK", "NO", "2007-03-01", "2007-05-31", "yes", "up to 24,000 DKK (at most 8,000 DKK a month"),
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
    assert (data["eligible"], data["max_stipend_dkk"]) == (eligible, stipend)
    assert "stipend_dkk" not in data, "the field says the amount is a maximum"


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
        "max_stipend_dkk",
        "unclear",
        "months",
        "extra_days",
        "days",
        "leave_days",
        "rule_set",
        "max_monthly_dkk",
        "reasons",
        "travel",
        "family_travel",
        "moving",
        "home_trip",
    } <= set(data)
    assert data["max_stipend_dkk"] == 33000 and data["leave_days"] == 5
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
    assert "Stipend:   up to 96,000 DKK" in out
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
    stay = ["--home", "SE", "--host", "NO", "--start", "2026-03-02", "--end", "2026-05-01", "--json"]
    assert main(["estimate", *stay]) == 0
    default = json.loads(capsys.readouterr().out)
    assert main(["estimate", *stay, "--content", str(ROOT / "content")]) == 0
    assert default == json.loads(capsys.readouterr().out)


def test_every_check_has_a_line_in_the_summary():
    assert set(estimate_cli._CHECK_TEXTS) == set(calculators.CHECK_CODES)


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
        (replace("--start", "2026-02-30"), "--start", "not a day in the calendar"),
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
    assert done.returncode == 0 and "Stipend:   up to 36,000 DKK" in done.stdout
    done = run_cli("--home", "SE", "--host", "NO", "--start", "2026-03-02", "--end", "2026-01-01")
    assert done.returncode == 2
    assert done.stderr == "error: --end: the end date 2026-01-01 is before the start date 2026-03-02\n"


def test_every_amount_in_the_summary_is_a_maximum(capsys):
    """No amount stands alone as a fixed sum: the stipend, the monthly amount and a suggestion are
    each given as a ceiling (seed 000: "up to 18,000 DKK per month of service")."""
    code, out, _ = estimate(capsys, "--home", "SE", "--host", "DK", "--start", "2026-03-02", "--end", "2026-03-14")
    assert code == 0
    assert "Suggestion: end 2026-03-15 would qualify (up to 8,400 DKK)" in out
    code, out, _ = estimate(capsys, *BASE)
    lines = [line for line in out.splitlines() if " DKK" in line]
    assert lines and all("up to" in line or "at most" in line for line in lines), lines
    assert "Every amount is a maximum" in out


@pytest.mark.parametrize(
    "home, host, end, unclear",
    [
        ("FO", "SE", "2026-05-31", "no source says whether staff employed in FO can apply"),
        ("GL", "IS", "2026-05-31", "no source says whether staff employed in GL can apply"),
        ("AX", "NO", "2026-05-31", "no source says whether staff employed in AX can apply"),
        ("FI", "AX", "2026-05-31", "whether a stay in AX counts as another Nordic country for staff employed in FI"),
        ("DK", "FO", "2026-05-31", "whether a stay in FO counts as another Nordic country for staff employed in DK"),
        ("DK", "GL", "2026-05-31", "whether a stay in GL counts as another Nordic country for staff employed in DK"),
        ("SE", "GL", "2026-07-31", "does not fit the limits of gl-2023 (2 weeks to 3 months), which may be meant"),
    ],
)
def test_unclear_eligibility_is_said_on_the_command_line(capsys, home, host, end, unclear):
    code, out, _ = estimate(capsys, "--home", home, "--host", host, "--start", "2026-04-01", "--end", end)
    assert code == 0
    assert "Eligible:  yes on our reading, but the sources are unclear" in out
    line = next(line for line in out.splitlines() if unclear in line)
    assert line.lstrip().startswith("UNCLEAR") and "uncertain]" in line


def test_a_passed_application_deadline_is_said_with_what_the_sources_say_about_late_ones(capsys):
    """With --today after the last day to apply (never the clock), the summary says so, with the
    source's word on late applications where it has one (Denmark 2007) and that it has none otherwise."""
    dk = ["--home", "DK", "--host", "SE", "--start", "2026-03-02", "--end", "2026-05-01"]
    code, out, _ = estimate(capsys, *dk, "--today", "2025-12-01")
    assert code == 0
    assert "Deadline:  the last day to apply for this stay was 2025-11-30; the sources say nothing" in out
    code, out, _ = estimate(capsys, *dk, "--today", "2025-11-30")
    assert "Deadline:" not in out, "the last day itself has not passed"
    dk_2007 = ["--home", "DK", "--host", "NO", "--start", "2007-03-01", "--end", "2007-05-31"]
    code, out, _ = estimate(capsys, *dk_2007, "--today", "2007-01-10")
    assert "was 2006-11-17; the source said later applications could still be considered" in out
    code, out, _ = estimate(capsys, *dk_2007)
    assert "Deadline:" not in out, "without --today nothing has passed"
