"""Each kind of content mistake gives one clear message naming file, line and field,
the build exits non-zero, and the previous site/ is left exactly as it was.

The mistakes are made in a copy of the test fixture content (tests/fixtures/README.md); the shipped
content is only checked to load."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from content_edits import FIXTURE, edit, errors_of, line_of

from exchange_guide.model import ContentErrors, load_content

ROOT = Path(__file__).resolve().parents[1]


def test_shipped_content_loads_without_errors():
    """What the build checks first (a missing translation is allowed: it falls back)."""
    content = load_content(ROOT / "content")
    assert content.default_language in content.languages


def test_the_fixture_has_the_features_the_tests_rely_on():
    content = load_content(FIXTURE)
    assert [(m.path, m.field, m.language) for m in content.missing] == [
        ("content/faq.yml", "groups[0].questions[0].answer", "fi")
    ]
    assert any(rule_set.get("home") for rule_set in content.rules["rule_sets"])
    assert any(rule_set["valid_to"] for rule_set in content.rules["rule_sets"])


# Each case: (file, old text, new text, the text marking the line, expected field, words of the message)
MISTAKES = {
    "unknown key": (
        "sources.yml",
        "- id: uhr-faq\n",
        "- id: uhr-faq\n  colour: blue\n",
        "colour: blue",
        "sources[1].colour",
        "unknown field",
    ),
    "missing required field": (
        "sources.yml",
        "  language: nn\n",
        "",
        "id: norec-exchange",
        "sources[",
        "missing required field 'language'",
    ),
    "wrong type": (
        "sources.yml",
        "  date: 2023-05-02\n",
        "  date: last spring\n",
        "date: last spring",
        "sources[0].date",
        "expected a date",
    ),
    "unknown language": (
        "ui.yml",
        "  print: {sv: Skriv ut,",
        "  print: {xx: Print, sv: Skriv ut,",
        "  print:",
        "strings.print.xx",
        "unknown language code 'xx'",
    ),
    "missing default language": (
        "ui.yml",
        "  print: {sv: Skriv ut, ",
        "  print: {",
        "  print:",
        "strings.print",
        "default language 'sv' is required",
    ),
    "unknown country": ("contacts.yml", "home: SE", "home: XX", "home: XX", "contacts[", "unknown country code 'XX'"),
    "bare NO read as false": (
        "contacts.yml",
        "home: 'NO'",
        "home: NO",
        "home: NO",
        "contacts[",
        "put the code in quotes",
    ),
    "duplicate id": (
        "sources.yml",
        "- id: uhr-faq\n",
        "- id: uhr-norut-2023\n",
        "- id: uhr-norut-2023\n  title: NORUT",
        ".id",
        "duplicate id 'uhr-norut-2023'",
    ),
    "duplicate key": (
        "ui.yml",
        "  print: {",
        "  step: {sv: X}\n  print: {",
        "  step: {sv: Steg",
        "step",
        "appears twice",
    ),
    "YAML syntax error": (
        "ui.yml",
        "  print: {sv: Skriv ut,",
        "  print: {sv: [Skriv ut,",
        "  print:",
        None,
        "YAML syntax error",
    ),
    "unknown source": (
        "steps.yml",
        "sources: [",
        "sources: [no-such-source, ",
        "no-such-source",
        "sources",
        "unknown source 'no-such-source'",
    ),
    "unknown rule value": (
        "ui.yml",
        "  print: {sv: Skriv ut,",
        '  print: {sv: "{rule:general-2023.colour}",',
        "  print:",
        "strings.print.sv",
        "does not have",
    ),
    "link to a missing anchor": (
        "ui.yml",
        "  print: {sv: Skriv ut,",
        '  print: {sv: "[x](faq.md#nowhere)",',
        "  print:",
        "strings.print.sv",
        "has no id 'nowhere'",
    ),
    "HTML in a text": (
        "ui.yml",
        "  print: {sv: Skriv ut,",
        '  print: {sv: "<script>alert(1)</script>",',
        "  print:",
        "strings.print.sv",
        "HTML tags",
    ),
    "script link": (
        "ui.yml",
        "  print: {sv: Skriv ut,",
        '  print: {sv: "[x](javascript:alert(1))",',
        "  print:",
        "strings.print.sv",
        "script links",
    ),
    "YAML tag": (
        "ui.yml",
        "  print: {sv: Skriv ut,",
        "  print: {sv: !!python/object/apply:os.system [ls],",
        "  print:",
        None,
        "YAML tag not allowed",
    ),
}


@pytest.mark.parametrize("kind", MISTAKES)
def test_each_kind_of_mistake_names_file_line_and_field(kind, fixture_copy):
    file, old, new, marker, field, words = MISTAKES[kind]
    path = fixture_copy / file
    edit(path, old, new)
    line = line_of(path, marker)
    errors = [e for e in errors_of(fixture_copy) if words in e]
    assert errors, f"no error containing {words!r}; got {errors_of(fixture_copy)}"
    message = errors[0]
    assert message.startswith(f"content/{file}:"), message
    reported_line = int(message.split(":")[1])
    assert reported_line == line, f"{message} (expected line {line})"
    if field:
        assert field in message.split("field '")[1].split("'")[0], message


def _run_build(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "exchange_guide", "build", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        check=False,
    )


def _old_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("the previous site", encoding="utf-8")
    return site


def _unchanged(site: Path) -> bool:
    files = [p.name for p in site.iterdir()]
    partial = list(site.parent.glob("site.partial-*"))
    return (
        files == ["index.html"]
        and (site / "index.html").read_text(encoding="utf-8") == "the previous site"
        and not partial
    )


def test_a_missing_translation_falls_back_and_a_strict_build_fails_on_it(tmp_path):
    """The fixture's Finnish answer of faq.yml's who-can-apply is missing: listed with its place
    (the page shows the default language's text); `build --strict` refuses the content."""
    line = line_of(FIXTURE / "faq.yml", "    answer:")  # the first answer is who-can-apply's
    (missing,) = load_content(FIXTURE).missing
    assert missing.describe("sv").startswith(
        f"content/faq.yml:{line}: field 'groups[0].questions[0].answer': no 'fi' translation"
    )
    with pytest.raises(ContentErrors) as caught:
        load_content(FIXTURE, strict=True)
    assert [e.describe() for e in caught.value.errors] == [
        f"content/faq.yml:{line}: field 'groups[0].questions[0].answer': missing translation for 'fi' (strict mode)"
    ]
    site = _old_site(tmp_path)
    result = _run_build("--content", str(FIXTURE), "--site-dir", str(site), "--strict")
    assert result.returncode == 2, result.stderr
    assert f"content/faq.yml:{line}:" in result.stderr and "missing translation for 'fi'" in result.stderr
    assert "Traceback" not in result.stderr
    assert _unchanged(site)


def test_broken_content_fails_the_build_and_leaves_site_alone(fixture_copy, tmp_path):
    edit(fixture_copy / "sources.yml", "  date: 2023-05-02\n", "  date: [\n")
    site = _old_site(tmp_path)
    result = _run_build("--content", str(fixture_copy), "--site-dir", str(site))
    assert result.returncode == 2
    assert "content/sources.yml:" in result.stderr and "YAML syntax error" in result.stderr
    assert "Traceback" not in result.stderr
    assert _unchanged(site)


@pytest.mark.pyodide  # MkDocs runs: the build copies Pyodide and makes its snapshot first
def test_failure_inside_mkdocs_also_leaves_site_alone(fixture_copy, tmp_path):
    # Valid content, but a link MkDocs cannot resolve: mkdocs.yml's strict mode aborts the build.
    edit(fixture_copy / "sources.yml", "Varje belopp och regel", "[Se](../nowhere/missing.md). Varje belopp och regel")
    site = _old_site(tmp_path)
    result = _run_build("--content", str(fixture_copy), "--site-dir", str(site))
    assert result.returncode == 1, result.stderr
    assert "site/ is unchanged" in result.stderr
    assert "Traceback" not in result.stderr
    assert _unchanged(site)


def test_a_file_that_cannot_be_read_is_reported_once_not_at_each_reference(fixture_copy):
    edit(fixture_copy / "sources.yml", "  date: 2023-05-02\n", "  date: [\n")
    errors = errors_of(fixture_copy)
    assert [e for e in errors if e.startswith("content/sources.yml:") and "YAML syntax error" in e]
    assert not [e for e in errors if "unknown source" in e], errors
