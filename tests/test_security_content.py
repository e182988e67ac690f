"""Nothing an editor can write gets past the content checks (security review F1-F4, F9): Markdown
that could make script links, event handlers, styles or external images; YAML that expands or
nests without end; amounts, quanta and rates that would break or empty the calculator; symbolic
links that leave content/. Each is a ContentError naming the file, the line and the field where it
has one, before anything is written; and the editors' JSON Schema refuses the same texts and
amounts (Markup.FORBIDDEN, Money.json_schema).

The edits go into a copy of content/ at places the model defines (a page's intro, a rule set's
amount), never at today's wording."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from exchange_guide.model import ContentErrors, load_content
from exchange_guide.model.calculator import RATE
from exchange_guide.model.rules import MONTHLY_AMOUNT, QUANTUM
from exchange_guide.model.schema import Markup
from exchange_guide.model.yamlload import LIMITS, load_yaml

ROOT = Path(__file__).resolve().parents[1]


def rewrite(content: Path, name: str, change) -> Path:
    """content/<name>.yml loaded, changed by `change(data)` and written back as YAML."""
    path = content / f"{name}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    return path


def errors(content: Path) -> list[tuple[str, int | None, str | None, str]]:
    with pytest.raises(ContentErrors) as caught:
        load_content(content)
    return [(e.path, e.line, e.field, e.message) for e in caught.value.errors]


def line_with(path: Path, needle: str) -> int:
    text = path.read_text(encoding="utf-8")
    return text[: text.index(needle)].count("\n") + 1


def set_intro(text: str):
    def change(data):
        data["page"]["intro"]["sv"] = text + " " + data["page"]["intro"]["sv"]

    return change


# --- F1: Markdown that would make more than the guide needs ---------------------------------
HOSTILE_MARKDOWN = {
    "entity in javascript:": ("[x](java&#115;cript:alert(1))", "a link to"),
    "&colon; entity": ("[x](javascript&colon;alert(2))", "a link to"),
    "entity in data:": ("[x](&#100;ata:text/html;base64,PHNjcmlwdD4=)", "a link to"),
    "event handler": ('*y*{: onclick="alert(3)" }', "an attribute list may only give a language"),
    "href replaced": ('[z](faq.md){: href="java&#115;cript:alert(4)" }', "an attribute list may only give"),
    "inline style": ('*s*{: style="color:red" }', "an attribute list may only give a language"),
    "external image": ("![i](https://evil.example/t.png)", "images are not allowed"),
    "reference definition": ("[r]\n\n[r]: java&#115;cript:alert(1)", "reference definitions"),
    "attribute without colon": ('*y*{ onclick="alert(5)" }', "an attribute list may only give a language"),
    "valueless attribute": ("*y*{hidden}", "would be read as an attribute list"),
    "class": ("*y*{: .md-button }", "an attribute list may only give a language"),
    "link with a space": ("[x]( javascript:alert(6))", "script links"),
    "http link": ("[x](http://intranet.example/)", "a link to 'http://intranet.example/'"),
    "raw HTML": ("<img src=x onerror=alert(7)>", "HTML tags are not allowed"),
    "aligned table": ("| a | b |\n|:--|--:|\n| 1 | 2 |", "table column alignment"),
}


@pytest.mark.parametrize("case", HOSTILE_MARKDOWN)
def test_markdown_beyond_what_the_guide_needs_is_refused_where_it_stands(content_copy, case):
    text, words = HOSTILE_MARKDOWN[case]
    path = rewrite(content_copy, "faq", set_intro(text))
    found = [e for e in errors(content_copy) if e[2] == "page.intro.sv"]
    assert found, errors(content_copy)
    assert all(e[0] == "content/faq.yml" and e[1] == line_with(path, "intro:") + 1 for e in found), found
    assert any(words in e[3] for e in found), found


def test_what_the_guide_needs_passes():
    ok = (
        "[a](faq.md) [b](faq.md#an-id) [c](https://www.uhr.se/a?b=1&c=2) [d](mailto:norut@example.org) "
        '[e](tel:+4681234) *Løgmansskrivstovan*{: lang="fo" } **{n}** {rule:general-2023.min_duration|dat}'
    )
    assert Markup.problems(ok) == []
    assert Markup.problems("## Heading {: #an-id }\n\n- a list\n- of *things*") == []


def test_a_misspelt_rule_placeholder_is_an_error_case_sensitively(content_copy):
    """F9: {rule:General-2023.min_duration} was published as literal text."""
    rule_set = load_content(ROOT / "content").rules["rule_sets"][0]["id"]
    for wrong in (f"{{rule:{rule_set.capitalize()}.min_duration}}", f"{{Rule:{rule_set}.min_duration}}"):
        shutil.rmtree(content_copy)
        shutil.copytree(ROOT / "content", content_copy)
        rewrite(content_copy, "faq", set_intro(wrong))
        found = [e for e in errors(content_copy) if e[2] == "page.intro.sv"]
        assert found and "is not a rule placeholder" in found[0][3], found


# --- the editors' JSON Schema says the same -------------------------------------------------
def _schema_refuses(name: str, data) -> bool:
    schema = json.loads((ROOT / "content" / "schemas" / f"{name}.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    return any(True for _ in validator.iter_errors(json.loads(json.dumps(data, default=str))))


@pytest.mark.parametrize("case", HOSTILE_MARKDOWN)
def test_the_editors_schema_refuses_the_same_markdown(case):
    data = yaml.safe_load((ROOT / "content" / "faq.yml").read_text(encoding="utf-8"))
    assert not _schema_refuses("faq", data)
    set_intro(HOSTILE_MARKDOWN[case][0])(data)
    assert _schema_refuses("faq", data)


MARKUP = st.text(alphabet="[](){}<>!:#.=*_`|-\n &;\"'rulejavscipthmdfqn0123", max_size=40)


@settings(max_examples=1000, deadline=None)
@given(MARKUP)
def test_the_model_and_the_schema_refuse_the_same_texts(text):
    assert bool(Markup.problems(text)) == bool(Markup.FORBIDDEN.search(text)), text


def test_the_schemas_patterns_compile_in_javascript():
    """Editors' schema checkers run the patterns as JavaScript regular expressions (u mode)."""
    node = shutil.which("node")
    if node is None:
        pytest.fail("Node.js is not installed: the editors' schemas are checked with it (make test installs it)")
    patterns = sorted(
        {
            match
            for path in (ROOT / "content" / "schemas").glob("*.schema.json")
            for match in re.findall(r'"pattern": ("(?:[^"\\]|\\.)*")', path.read_text(encoding="utf-8"))
        }
    )
    script = "for (const p of JSON.parse(process.argv[1])) new RegExp(JSON.parse(p), 'u');"
    done = subprocess.run([node, "-e", script, json.dumps(patterns)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


# --- F3: amounts, quanta and rates -----------------------------------------------------------
def _set_amount(value):
    def change(data):
        data["rule_sets"][0]["values"]["monthly_stipend"]["amount"] = value

    return change


def _set_quantum(value):
    def change(data):
        rounding = next(rs["values"]["rounding"] for rs in data["rule_sets"] if "rounding" in rs["values"])
        rounding["quantum"] = value

    return change


@pytest.mark.parametrize(
    "change, field, words",
    [
        (_set_amount("1e999999"), "monthly_stipend.amount", "no exponents"),
        (_set_amount("18e3"), "monthly_stipend.amount", "no exponents"),
        (_set_amount(10**40), "monthly_stipend.amount", "at most 6 digits"),
        (_set_amount("1800.505"), "monthly_stipend.amount", "at most 2 decimals"),
        (_set_quantum("1e40"), "rounding.quantum", "a whole number of DKK"),
        (_set_quantum("0"), "rounding.quantum", "a whole number of DKK"),
        (_set_quantum("0.5"), "rounding.quantum", "a whole number of DKK"),
    ],
)
def test_rule_amounts_are_bounded_for_what_they_mean(content_copy, change, field, words):
    path = rewrite(content_copy, "rules", change)
    found = [e for e in errors(content_copy) if e[2] and e[2].endswith(field)]
    assert found and words in found[0][3], errors(content_copy)
    assert (
        found[0][0] == "content/rules.yml"
        and found[0][1] is not None
        and found[0][1] <= len(path.read_text().splitlines())
    )


@pytest.mark.parametrize("rate", ["1.47e40", "1" + "0" * 40, "0", "0.0000001", "-1"])
def test_exchange_rates_are_bounded(content_copy, rate):
    def change(data):
        data["per_dkk"]["SEK"] = rate

    rewrite(content_copy, "exchange_rates", change)
    found = [e for e in errors(content_copy) if e[2] == "per_dkk.SEK"]
    assert found and found[0][0] == "content/exchange_rates.yml", errors(content_copy)


@pytest.mark.parametrize(
    "money, good, bad",
    [
        (MONTHLY_AMOUNT, [18000, "18000", "1800.50", 0], ["18e3", "1e999999", 10**6, "1800.505", -1, "NaN", 1.5]),
        (QUANTUM, [1, "1", "10", 9999], ["0", "1e40", "0.5", 10**4, "1.0"]),
        (RATE, ["1.47", "0.134", "20", "0.000001"], ["0", "1.47e40", "0.0000001", "100000", "0.000"]),
    ],
)
def test_the_schema_and_the_model_take_the_same_amounts(money, good, bad):
    from exchange_guide.model.schema import Languages, Report

    report = Report("x.yml", ("sv",), "sv")
    schema = jsonschema.Draft202012Validator(money.json_schema(Languages(("sv",), "sv")))
    for value in good:
        assert money.check(value, report.at()) is not None and schema.is_valid(value), value
    for value in bad:
        assert money.check(value, report.at()) is None and not schema.is_valid(value), value


# --- F2 and the limits of a file -------------------------------------------------------------
def _bomb(levels: int) -> str:
    lines = ["lol0: &a0 [a, a, a, a, a, a, a, a, a]"]
    lines += [f"lol{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels + 1)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize(
    "addition, words",
    [
        (_bomb(9), "once its aliases (*name) are expanded"),
        ("deep: " + "[" * 100_000 + "\n", "nested more than"),
        ("deep: " + "[" * (LIMITS.depth + 5) + "]" * (LIMITS.depth + 5) + "\n", "nested more than"),
        ("day: 2026-02-30\n", "not a date in the calendar"),
    ],
    ids=["alias bomb", "100,000 brackets", "too deep", "30 February"],
)
def test_yaml_that_would_hang_or_crash_the_load_is_refused(content_copy, addition, words):
    with (content_copy / "faq.yml").open("a", encoding="utf-8") as out:
        out.write(addition)
    found = [e for e in errors(content_copy) if e[0] == "content/faq.yml"]
    assert len(found) == 1 and words in found[0][3], found


@pytest.mark.parametrize("written", ["0x1E", "0o36", "3_0", "0:30", "9" * 5_000, "30e0"])
def test_a_whole_number_is_written_in_plain_digits(content_copy, written):
    """YAML 1.1 reads these as numbers (the 5,000 digits would not even convert): the field says so."""

    def change(data):
        data["rule_sets"][0]["values"]["partial_month"]["days_per_month"] = "@@"

    path = rewrite(content_copy, "rules", change)
    path.write_text(path.read_text(encoding="utf-8").replace("'@@'", written), encoding="utf-8")
    found = [e for e in errors(content_copy) if e[2] == "rule_sets[0].values.partial_month.days_per_month"]
    assert found and "plain digits" in found[0][3] and found[0][1] == line_with(path, written[:20]), found


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(content_copy):
    with (content_copy / "faq.yml").open("a", encoding="utf-8") as out:
        out.write("# " + "x" * LIMITS.file_bytes + "\n")
    assert [e[3] for e in errors(content_copy) if e[0] == "content/faq.yml"] == [
        f"{(content_copy / 'faq.yml').stat().st_size:,} bytes: a content file may have {LIMITS.file_bytes:,}"
    ]


def test_the_shipped_content_uses_its_aliases_within_the_limits():
    for path in sorted((ROOT / "content").glob("*.yml")):
        load_yaml(path)  # raises if any limit is passed


# --- F4: symbolic links -----------------------------------------------------------------------
@pytest.mark.parametrize("target", ["/dev/zero", "outside", "folder"])
def test_a_content_file_that_links_out_of_its_folder_is_refused(content_copy, tmp_path, target):
    outside = tmp_path / "outside-faq.yml"
    shutil.copy(content_copy / "faq.yml", outside)
    link = {"/dev/zero": Path("/dev/zero"), "outside": outside, "folder": tmp_path}[target]
    (content_copy / "faq.yml").unlink()
    (content_copy / "faq.yml").symlink_to(link)
    found = [e for e in errors(content_copy) if e[0] == "content/faq.yml"]
    assert len(found) == 1 and "outside its folder" in found[0][3], found


def test_a_link_within_the_folder_is_followed(content_copy):
    (content_copy / "faq.yml").rename(content_copy / "faq-real.yml")
    (content_copy / "faq.yml").symlink_to("faq-real.yml")
    load_content(content_copy)


def test_a_content_file_that_is_a_pipe_is_refused_without_blocking(content_copy):
    (content_copy / "faq.yml").unlink()
    os.mkfifo(content_copy / "faq.yml")
    found = [e for e in errors(content_copy) if e[0] == "content/faq.yml"]
    assert found and "not a regular file" in found[0][3], found


# --- the command line: a clear message, nothing written ---------------------------------------
@pytest.mark.parametrize("command", ["check", "build", "estimate"])
def test_each_command_reports_the_bomb_and_writes_nothing(content_copy, tmp_path, command):
    with (content_copy / "rules.yml").open("a", encoding="utf-8") as out:
        out.write(_bomb(9))
    site, ics = tmp_path / "site", tmp_path / "plan.ics"
    args = {
        "check": ["check", "--content", str(content_copy)],
        "build": ["build", "--content", str(content_copy), "--site-dir", str(site)],
        "estimate": ["estimate", "--home", "SE", "--host", "NO", "--start", "2026-03-02", "--end", "2026-05-01"],
    }[command]
    if command == "estimate":
        args += ["--content", str(content_copy), "--ics", str(ics)]
    done = subprocess.run(
        [sys.executable, "-m", "exchange_guide", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2, done.stderr
    assert "rules.yml" in done.stderr and "once its aliases (*name) are expanded" in done.stderr
    assert "Traceback" not in done.stderr
    assert not site.exists() and not ics.exists() and list(tmp_path.iterdir()) == [content_copy]
