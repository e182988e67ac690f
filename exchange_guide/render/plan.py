"""The plan's words in one language (content/plan.yml): each step's title and note, the texts
of the calendar file (calculators.ics lays them out), and the texts the page's script needs."""
from __future__ import annotations

from .localise import Localiser, source_name


def _length(loc: Localiser, limit: dict) -> str:
    (unit, count), = limit.items()
    return loc.duration(int(count), unit)


def step_note(loc: Localiser, texts: dict, step: dict) -> str:
    """What the reader needs to know beside a step's title: how its date was worked out, or why
    it has none, and whether it has passed."""
    words = texts["plan"]
    notes = []
    if step["date"] is None:
        notes.append(loc.inline(words["no_date"][step["no_date"]]))
    if step["id"] == "report_by" and step.get("limit"):
        notes.append(loc.inline(words["report_rule"]).replace("{duration}", _length(loc, step["limit"])))
    if step["id"] == "decision" and step.get("expect_within"):
        notes.append(loc.inline(words["decision_within"]).replace("{duration}", _length(loc, step["expect_within"])))
    if step.get("passed"):
        notes.append(loc.inline(words["passed"]))
        if step["id"] == "apply_by":
            notes.append(loc.inline(words["late_considered" if step.get("late_considered") else "late_not_stated"]))
    return " ".join(notes)


def source_line(loc: Localiser, source_id: str | None, uncertain: bool = False) -> str:
    """'Källa: UHR: Nordiskt tjänstepersonsutbyte (osäker)', as plain text."""
    if not source_id:
        return ""
    line = f"{loc.ui('source')}: {source_name(loc.content.source(source_id))}"
    return line + (f" ({loc.ui('uncertain')})" if uncertain else "")


def ics_texts(loc: Localiser, texts: dict, plan: list[dict]) -> dict:
    """The texts calculators.ics.calendar takes, for the steps of `plan` that have a date."""
    summary, description = {}, {}
    for step in plan:
        if step["date"] is None:
            continue
        summary[step["id"]] = loc.inline(texts["plan"]["steps"][step["id"]])
        parts = [step_note(loc, texts, step), source_line(loc, step["source"], step["uncertain"])]
        description[step["id"]] = "\n".join(part for part in parts if part)
    return {"lang": loc.lang, "summary": summary, "description": description}


def browser_texts(loc: Localiser, texts: dict) -> dict:
    """content/plan.yml in this language, as plain strings for the page's script."""
    def walk(value):
        if isinstance(value, dict) and not (set(value) & set(loc.content.languages)):
            return {key: walk(item) for key, item in value.items()}
        return loc.inline(value)
    return walk(texts)
