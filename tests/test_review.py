"""`exchange-guide review`: the fact register, found from the content, in three formats.

What is checked comes from the content itself (ids and lines looked up, never today's wording),
and check dates are written into a copy the way an editor's `check-links --record` writes them."""

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import yaml
from content_edits import edit, line_of

from exchange_guide.cli.check_links import find_entries, record
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


def _rule_values(content: Path) -> dict[str, object]:
    """Every value of every rule set as `set.value`, with its `source:` as written."""
    tree = yaml.safe_load((content / "rules.yml").read_text(encoding="utf-8"))
    return {
        f"{rs['id']}.{name}": value.get("source") for rs in tree["rule_sets"] for name, value in rs["values"].items()
    }


def _undated(content: Path) -> Path:
    """The copy without any check date (whatever editors have recorded in content/ since)."""
    for name in ("agencies.yml", "contacts.yml", "sources.yml"):
        path = content / name
        path.write_text(
            re.sub(r"(?m)^[ \t]*checked: \d{4}-\d\d-\d\d\b.*\n", "", path.read_text(encoding="utf-8")), encoding="utf-8"
        )
    return content


def _record(content: Path, url_where, day: str) -> None:
    """`checked: day` for every entry whose url passes url_where (as check-links --record writes it)."""
    record([e for e in find_entries(content) if url_where(e)], dt.date.fromisoformat(day))


def test_every_rule_value_is_in_the_register_where_it_stands(capsys, content_copy):
    written = _rule_values(content_copy)
    facts = _facts(capsys, content_copy)["facts"]
    rules = {f["what"]: f for f in facts if f["file"].endswith("rules.yml")}
    assert set(rules) == set(written)
    lines = (content_copy / "rules.yml").read_text(encoding="utf-8").splitlines()
    for what, fact in rules.items():
        assert fact["sources"] == [written[what]], what
        name = what.split(".", 1)[1]
        assert fact["field"].endswith(f".values.{name}") and lines[fact["line"] - 1].strip().startswith(f"{name}:")


def test_a_new_fact_is_found_without_any_list_to_update(capsys, content_copy):
    before = _facts(capsys, content_copy)["counts"]["facts"]
    source = yaml.safe_load((content_copy / "sources.yml").read_text(encoding="utf-8"))["sources"][0]["id"]
    edit(
        content_copy / "faq.yml",
        "questions:\n",
        "questions:\n"
        "      - id: new-question\n        question: {sv: Ny fråga}\n        answer: {sv: Svar.}\n"
        f"        sources: [{source}]\n",
        1,
    )
    facts = _facts(capsys, content_copy)["facts"]
    assert len(facts) == before + 1
    new = next(f for f in facts if f["what"] == "new-question")
    assert new["line"] == line_of(content_copy / "faq.yml", "- id: new-question")
    assert new["sources"] == [source]


def test_uncertain_values_say_why(capsys, content_copy):
    tree = yaml.safe_load((content_copy / "rules.yml").read_text(encoding="utf-8"))
    marked = {f"{rs['id']}.{n}" for rs in tree["rule_sets"] for n, v in rs["values"].items() if v.get("uncertain")}
    facts = _facts(capsys, content_copy)["facts"]
    uncertain = [f for f in facts if f["uncertain"]]
    assert uncertain and all(f["why"] for f in uncertain)
    assert marked and marked <= {f["what"] for f in uncertain}


def test_an_entry_without_a_check_date_is_never_checked_and_one_with_a_recorded_date_is(capsys, content_copy):
    """Issue 20: an agency without `checked:` counts as never checked; once check-links --record has
    written a date for its address, it counts as checked on that day."""
    first = yaml.safe_load((_undated(content_copy) / "agencies.yml").read_text(encoding="utf-8"))["agencies"][0]

    def entry_of(facts):
        return next(f for f in facts["facts"] if f["file"].endswith("agencies.yml") and f["what"] == first["id"])

    before = _facts(capsys, content_copy)
    assert entry_of(before)["checked"] is None
    _record(content_copy, lambda e: e.shown.endswith("agencies.yml") and e.url == first["url"], "2026-11-30")
    after = _facts(capsys, content_copy)
    assert entry_of(after)["checked"] == "2026-11-30"
    assert after["counts"]["never_checked"] == before["counts"]["never_checked"] - 1


def test_a_fact_is_checked_only_when_its_own_address_and_every_source_are(capsys, content_copy):
    """A contact rests on its sources and on its own address: it is checked as of the oldest of
    those dates, and never checked while one of them has none."""
    contacts = yaml.safe_load((_undated(content_copy) / "contacts.yml").read_text(encoding="utf-8"))["contacts"]
    sources = {
        s["id"]: s for s in yaml.safe_load((content_copy / "sources.yml").read_text(encoding="utf-8"))["sources"]
    }
    contact = next(c for c in contacts if "url" in c and all("url" in sources[s] for s in c["sources"]))
    their_urls = {sources[s]["url"] for s in contact["sources"]}

    def checked() -> str | None:
        facts = _facts(capsys, content_copy)["facts"]
        return next(f for f in facts if f["file"].endswith("contacts.yml") and f["what"] == contact["id"])["checked"]

    _record(content_copy, lambda e: e.shown.endswith("sources.yml") and e.url in their_urls, "2026-11-20")
    assert checked() is None  # the contact's own address is not checked yet
    _record(content_copy, lambda e: e.shown.endswith("contacts.yml") and e.url == contact["url"], "2026-11-25")
    assert checked() == "2026-11-20"


def test_older_than_lists_what_is_due(capsys, content_copy):
    # A rule value whose one source has an address: checked 400 days ago it is due, 30 days ago not.
    sources = {
        s["id"]: s for s in yaml.safe_load((content_copy / "sources.yml").read_text(encoding="utf-8"))["sources"]
    }
    what, source = next((w, s) for w, s in _rule_values(content_copy).items() if "url" in sources.get(s, {}))
    url = sources[source]["url"]

    def due(checked: str, *args) -> set[str]:
        _record(content_copy, lambda e: e.shown.endswith("sources.yml") and e.url == url, checked)
        return {f["what"] for f in _facts(capsys, content_copy, "--older-than", *args)["facts"]}

    assert what in due("2025-10-27")  # site.yml: 365 days
    assert what not in due("2026-11-01")
    assert what in due("2026-11-01", "20")
    assert _facts(capsys, content_copy)["counts"]["older_than_a_year"] == 0
    due("2025-10-27")
    assert _facts(capsys, content_copy)["counts"]["older_than_a_year"] >= 1


def test_never_checked_is_listed_as_due(capsys, content_copy):
    _record(content_copy, lambda e: e.shown.endswith("agencies.yml"), "2026-11-30")
    facts = _facts(capsys, content_copy, "--older-than", "100000")["facts"]
    assert facts and all(f["checked"] is None for f in facts)
    assert not any(f["file"].endswith("agencies.yml") and f["field"].startswith("agencies[") for f in facts)


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
    first = data["facts"][0]
    assert any(line.startswith(f"{first['file']}:{first['line']}:") and f"({first['what']})" in line for line in lines)


def test_bad_input_is_named(capsys, content_copy):
    edit(content_copy / "faq.yml", "sources: [", "sources: [no-such-source, ", 1)
    code, out, err = _review(capsys, "--content", str(content_copy))
    assert code == 2 and "unknown source 'no-such-source'" in err and "faq.yml:" in err and out == ""
    try:
        main(["review", "--older-than", "soon"])
    except SystemExit as exc:
        assert exc.code == 2
    assert "expected a whole number of days" in capsys.readouterr().err
