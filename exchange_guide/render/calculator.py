"""The calculator page in one language (content/calculator.yml, checked by model/calculator.py).

What works without JavaScript is made here, at build time, by running the same `calculators`
code in CPython: how the sum is worked out, every rule set with its sources, and worked
examples. The form (templates/calculator/form.html) and the data its script needs (texts,
formats, sources, the form's fields and the duration units) are written into the page;
frontend/assets/javascripts/calculator/ does the rest in the browser.
"""

from __future__ import annotations

from typing import Any

import calculators
from calculators.codes import COUNTRIES, CURRENCIES, DURATION_UNITS, FIRST_DAY, LAST_DAY, VALUE_NAMES
from calculators.rules import RuleSet

from ..model.calculator import EXAMPLE_COLUMNS
from .html import json_block, render
from .localise import Localiser, escape_md
from .plan import plan_texts

# How each form field is entered: a list to choose from, a date, or typed text (with the
# keyboard a phone should show, and the value it starts with).
_TYPED = {"leave_days": ("numeric", "0"), "travel_cost": ("decimal", ""), "family_members": ("numeric", "0")}


def _date_example(loc: Localiser, data: dict) -> str:
    """The example date of the date fields' hints and messages, as the page's language types it."""
    return loc.short_date(data["form"]["date_example"])


def _form(loc: Localiser, data: dict) -> str:
    form = data["form"]
    date_hint = loc.inline(form["date_hint"]).replace("{example}", _date_example(loc, data))
    countries = [(code, loc.inline(loc.content.site["countries"][code])) for code in COUNTRIES]
    options = {"home": countries, "host": countries, "travel_currency": [(code, code) for code in CURRENCIES]}
    fields = []
    for name in calculators.FIELDS:
        spec = form[name]
        inputmode, value = _TYPED.get(name, ("", ""))
        is_date = name in ("start", "end")
        hints = [loc.inline(spec["hint"])] if spec.get("hint") else []
        if is_date:
            hints.append(date_hint)
        fields.append(
            {
                "name": name,
                "label": loc.inline(spec["label"]),
                "hint": " ".join(hints) or None,
                "options": options.get(name),
                "choose": loc.inline(form["choose"]) if name != "travel_currency" else None,
                "type": "date" if is_date else "text",
                "inputmode": inputmode,
                "value": value,
            }
        )
    return render(
        "calculator/form.html",
        fields=fields,
        summary_title=loc.inline(data["errors"]["summary_title"]),
        no_script=loc.inline(form["no_script"]),
        heading=loc.inline(form["heading"]),
        loading=loc.inline(form["loading"]),
        submit=loc.inline(form["submit"]),
    )


def _browser_data(loc: Localiser, data: dict) -> str:
    """Everything the script needs to speak the page's language, as JSON in the page."""
    content = loc.content
    pick = loc.inline
    sources = {}
    for source in content.sources["sources"]:
        when = loc.published(source)
        name, lang = loc.source_parts(source)
        sources[source["id"]] = {"name": name, "lang": lang, "when": when, "href": f"../sources/#{source['id']}"}
    payload = {
        "lang": loc.lang,
        "formats": {
            **{key: loc.language[key] for key in ("thousands_separator", "decimal_separator")},
            "currency_first": bool(loc.language.get("currency_first")),
        },
        "date_format": loc.date_format(),  # dates as the build writes them (calculator/format.js)
        "units": {unit: loc.forms(content.ui[unit]) for unit in DURATION_UNITS},
        "fields": list(calculators.FIELDS),
        "duration_units": list(DURATION_UNITS),
        "labels": {name: pick(data["form"][name]["label"]) for name in calculators.FIELDS},
        "missing": {
            name: pick(data["form"][name]["missing"]) for name in calculators.FIELDS if "missing" in data["form"][name]
        },
        "countries": {code: pick(content.site["countries"][code]) for code in COUNTRIES},
        "errors": {key: pick(text) for key, text in data["errors"].items()},
        # What the date messages fill in: the example (as the hints give it) and the years a stay may have.
        "date_example": _date_example(loc, data),
        "date_range": {"first": str(FIRST_DAY.year), "last": str(LAST_DAY.year)},
        "result": {key: loc.forms(text) for key, text in data["result"].items()},
        "reasons": {code: {k: pick(t) for k, t in texts.items()} for code, texts in data["reasons"].items()},
        "covered": {key: pick(text) for key, text in data["covered"].items()},
        "load_failed": pick(data["form"]["load_failed"]),
        # The line while the calculator loads (calculator/progress.js).
        "progress": {key: pick(data["form"][key]) for key in ("progress", "almost_ready", "queued")},
        "rule_sets": {rs["id"]: pick(rs["title"]) for rs in content.rules["rule_sets"]},
        # A rule value's note (why it is uncertain, which reading is used) goes with it in the result.
        "notes": {
            rs["id"]: {name: pick(value["note"]) for name, value in rs["values"].items() if value.get("note")}
            for rs in content.rules["rule_sets"]
        },
        "sources": sources,
        "source_label": loc.ui("source"),
        "home_currency": content.rates["home_currency"],
        "default_home": loc.language.get("home_country", ""),  # content/site.yml
        "plan": plan_texts(loc),  # content/plan.yml: the plan below the result (plan.js)
    }
    return json_block("eg-calculator-data", payload)


def rule_set_lines(loc: Localiser, rule_set: RuleSet, text: dict[str, Any]) -> str:
    """When a rule set is in force and for whom, two lines of Markdown (`text`: calculator.yml's rules).
    A general rule set is for every home country without a rule set of its own for the period."""
    valid_to, home = rule_set["valid_to"], rule_set["home"]
    valid = loc.inline(text["valid"] if valid_to else text["open_ended"])
    valid = valid.replace("{from}", loc.date(rule_set["valid_from"]))
    lines = [valid.replace("{to}", loc.date(valid_to)) if valid_to else valid]
    if home:
        names = ", ".join(loc.inline(loc.content.site["countries"][c]) for c in home)
        lines.append(loc.inline(text["for_home"]).replace("{countries}", names))
    else:
        lines.append(loc.inline(text["general"]))
    return "  \n".join(escape_md(line) for line in lines)


def _rules_section(loc: Localiser, data: dict) -> list[str]:
    text = data["rules"]
    pick = loc.inline
    blocks = [f"## {escape_md(pick(text['heading']))} {{ #rules }}", pick(text["intro"])]
    for rule_set in loc.content.rules["rule_sets"]:
        blocks.append(f"### {escape_md(pick(rule_set['title']))} {{ #rules-{rule_set['id']} }}")
        blocks.append(rule_set_lines(loc, rule_set, text))
        rows = []
        for name in VALUE_NAMES:
            value = rule_set["values"].get(name)
            if not value:
                continue
            shown = loc.value_words(name, value, text)
            if value.get("uncertain"):
                shown += f" ({loc.ui('uncertain')})" + (": " + pick(value["note"]) if value.get("note") else "")
            source = loc.content.source(value["source"])
            source_text, source_lang = loc.source_parts(source)
            rows.append(
                {
                    "name": pick(text["names"][name]),
                    "value": shown,
                    "source_id": value["source"],
                    "source": source_text,
                    "source_lang": source_lang if source_lang != loc.lang else None,
                }
            )
        blocks.append(
            render(
                "calculator/rules_table.html",
                rows=rows,
                heads=(pick(text["value"]), pick(text["amount"]), loc.ui("source")),
            )
        )
    return blocks


def _examples(loc: Localiser, data: dict) -> list[str]:
    text = data["examples"]
    pick = loc.inline
    columns = text["columns"]
    countries = loc.content.site["countries"]
    rows = []
    for item in data["examples"]["items"]:
        request = {
            "home": item["home"],
            "host": item["host"],
            "start": item["start"],
            "end": item["end"],
            "leave_days": item.get("leave_days", 0),
        }
        result = calculators.estimate(request, loc.content.rules).to_dict()
        # Eligible on our reading only (no source settles a condition): "unclear", as in the result.
        answer = pick(data["rules"]["answer_yes"] if result["eligible"] else data["rules"]["answer_no"])
        if result["eligible"] and result["unclear"]:
            answer = pick(data["result"]["unclear"])
        # The column's head says the figure is a maximum (the sources give the stipend as a ceiling).
        rows.append(
            {
                "home": pick(countries[item["home"]]),
                "host": pick(countries[item["host"]]),
                "stay": f"{loc.date(item['start'])} – {loc.date(item['end'])}",
                "leave_days": loc.number(request["leave_days"]),
                "answer": answer,
                "stipend": loc.money(result["max_stipend_dkk"], "DKK"),
            }
        )
    table = render("calculator/examples_table.html", heads=[pick(columns[key]) for key in EXAMPLE_COLUMNS], rows=rows)
    return [f"## {escape_md(pick(text['heading']))} {{ #examples }}", pick(text["intro"]), table]


def calculator(loc: Localiser, data: dict) -> list[str]:
    how = data["how_it_works"]
    return [
        _form(loc, data),
        _browser_data(loc, data),
        f"## {escape_md(loc.inline(how['heading']))} {{ #how-it-works }}",
        loc.block(how["body"]),
        loc.citation(how.get("sources")),
        *_examples(loc, data),
        *_rules_section(loc, data),
    ]
