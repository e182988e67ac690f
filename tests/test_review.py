"""`exchange-guide review`: the fact register, found from the content, in three formats."""

import csv
import io
import json
from pathlib import Path

from content_edits import edit, line_of

from exchange_guide.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
TODAY = "2026-12-01"


def _review(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["review", "--today", TODAY, *args])
    out, err = capsys.readouterr()
    return code, out, err


def _facts(capsys, content: Path, *args: str) -> dict:
    code, out, _ = _review(capsys, "--content", str(content), "--format", "json", *args)
    assert code == 0
    return json.loads(out)


def test_every_rule_value_is_in_the_register_where_it_stands(capsys, content_copy):
    import yaml

    tree = yaml.safe_load((content_copy / "rules.yml").read_text(encoding="utf-8"))
    written = {f"{rs['id']}.{name}" for rs in tree["rule_sets"] for name in rs["values"]}
    facts = _facts(capsys, content_copy)["facts"]
    rules = {f["what"]: f for f in facts if f["file"].endswith("rules.yml")}
    assert set(rules) == written
    stipend = rules["general-2023.monthly_stipend"]
    assert stipend["sources"] == ["dfo-norut"] and stipend["field"] == "rule_sets[0].values.monthly_stipend"
    lines = (content_copy / "rules.yml").read_text(encoding="utf-8").splitlines()
    assert "monthly_stipend" in lines[stipend["line"] - 1]


def test_a_new_fact_is_found_without_any_list_to_update(capsys, content_copy):
    before = _facts(capsys, content_copy)["counts"]["facts"]
    edit(
        content_copy / "faq.yml",
        "questions:\n",
        "questions:\n"
        "      - id: new-question\n        question: {sv: Ny fråga}\n        answer: {sv: Svar.}\n"
        "        sources: [uhr-faq]\n",
        1,
    )
    facts = _facts(capsys, content_copy)["facts"]
    assert len(facts) == before + 1
    new = next(f for f in facts if f["what"] == "new-question")
    assert new["line"] == line_of(content_copy / "faq.yml", "- id: new-question")
    assert new["sources"] == ["uhr-faq"]


def test_uncertain_values_say_why(capsys, content_copy):
    facts = _facts(capsys, content_copy)["facts"]
    uncertain = [f for f in facts if f["uncertain"]]
    assert uncertain and all(f["why"] for f in uncertain)
    assert any(f["what"] == "general-2023.same_calendar_year" for f in uncertain)


def test_older_than_lists_what_is_due(capsys, content_copy):
    # dfo-norut is the monthly stipend's one source: checked 400 days ago it is due, 30 days ago not.
    text = (content_copy / "sources.yml").read_text(encoding="utf-8")
    start = text.index("  - id: dfo-norut\n")
    entry_end = text.find("\n  - id:", start + 1)
    entry = text[start:entry_end]
    assert "    checked:" in entry

    def due(checked: str, *args) -> set[str]:
        import re

        new = re.sub(r"    checked: \S+", f"    checked: {checked}", entry)
        (content_copy / "sources.yml").write_text(text.replace(entry, new), encoding="utf-8")
        return {f["what"] for f in _facts(capsys, content_copy, "--older-than", *args)["facts"]}

    assert "general-2023.monthly_stipend" in due("2025-10-27")  # site.yml: 365 days
    assert "general-2023.monthly_stipend" not in due("2026-11-01")
    assert "general-2023.monthly_stipend" in due("2026-11-01", "20")
    counts = _facts(capsys, content_copy)["counts"]
    assert counts["older_than_a_year"] == 0
    due("2025-10-27")
    assert _facts(capsys, content_copy)["counts"]["older_than_a_year"] >= 1


def test_never_checked_is_listed_as_due(capsys):
    facts = _facts(capsys, ROOT / "content", "--older-than", "100000")["facts"]
    assert facts and all(f["checked"] is None for f in facts)


def test_text_and_csv_list_the_same_facts(capsys):
    data = _facts(capsys, ROOT / "content")
    code, out, _ = _review(capsys, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == data["counts"]["facts"]
    assert rows[0].keys() == {"file", "line", "field", "what", "sources", "uncertain", "why", "checked"}
    assert {r["uncertain"] for r in rows} == {"yes", "no"}
    code, out, _ = _review(capsys)
    lines = out.splitlines()
    assert lines[-1].startswith(
        f"{data['counts']['facts']} of {data['counts']['facts']} facts shown; {data['counts']['uncertain']} uncertain"
    )
    assert any(line.startswith("content/rules.yml:") and "(general-2023.monthly_stipend)" in line for line in lines)


def test_bad_input_is_named(capsys, content_copy):
    edit(content_copy / "faq.yml", "sources: [uhr-faq", "sources: [no-such-source", 1)
    code, out, err = _review(capsys, "--content", str(content_copy))
    assert code == 2 and "unknown source 'no-such-source'" in err and "faq.yml:" in err and out == ""
    try:
        main(["review", "--older-than", "soon"])
    except SystemExit as exc:
        assert exc.code == 2
    assert "expected a whole number of days" in capsys.readouterr().err
