"""The calculator page: its content schema, and the page body in one language.

What works without JavaScript is made here, at build time, by running the same `calculators`
code in CPython: how the sum is worked out, every rule set with its sources, and worked
examples. The form and the data its script needs (texts, formats, sources) are written into
the page; overrides/assets/javascripts/calculator/ does the rest in the browser.
"""
from __future__ import annotations


import calculators

from .html_blocks import escape, json_block
from .localise import Localiser, escape_md, source_name
from .schema import F, Id, Int, ListOf, Money, OneOf, Record, Ref, Text, Date, Country, Validator, COUNTRIES

FIELD_ORDER = calculators.FIELDS
RESULT_KEYS = (
    "heading", "eligible", "not_eligible", "stipend", "checks", "passed", "failed", "breakdown", "stay",
    "months_line", "extra_line", "leave_line", "leave_kept", "rounding", "rule_set", "costs", "travel", "travel_unknown",
    "family_travel", "moving", "home_trip", "covered", "not_covered", "total", "converted", "rate_note",
    "uncertain", "estimate_note", "permalink", "print",
)
VALUE_NAMES = ("monthly_stipend", "min_duration", "max_duration", "hosts", "same_calendar_year", "round_trips",
               "family_travel", "moving", "home_trip", "report_deadline", "leave_reduces_stipend",
               "partial_month", "rounding")


def _labelled() -> Record:
    # `missing`: the field's own message when it is left empty ("Choose where you work").
    return Record(label=Text(), hint=F(Text(), required=False), missing=F(Text(), required=False))


def _texts(*keys: str) -> Record:
    return Record(**{key: Text() for key in keys})


CALCULATOR = Record(
    page=Record(title=Text(), description=Text(), intro=Text(markdown=True)),
    form=Record(
        heading=Text(), **{name: _labelled() for name in FIELD_ORDER},
        choose=Text(), submit=Text(), loading=Text(), load_failed=Text(), no_script=Text()),
    errors=_texts("title_prefix", "summary_title", *calculators.ERROR_CODES),
    result=_texts(*RESULT_KEYS),
    reasons=Record(**{code: Record(ok=Text(), fail=Text()) for code in calculators.CHECK_CODES}),
    covered=_texts(*calculators.COVER_REASONS),
    how_it_works=Record(heading=Text(), body=Text(markdown=True),
                        sources=F(ListOf(Ref("source"), unique_id=None), required=False)),
    rules=Record(
        heading=Text(), intro=Text(), valid=Text(), open_ended=Text(), for_home=Text(), general=Text(),
        value=Text(), amount=Text(), names=_texts(*VALUE_NAMES), answer_yes=Text(), answer_no=Text(),
        half_up=Text()),
    examples=Record(
        heading=Text(), intro=Text(),
        columns=_texts("home", "host", "stay", "leave_days", "eligible", "stipend"),
        items=ListOf(Record(id=Id(), home=Country(), host=Country(), start=Date(), end=Date(),
                            leave_days=F(Int(0, 366), required=False)))),
)


class _PerDkk(Validator):
    """Units of every calculator currency for one Danish krone."""

    def check(self, value, at):
        if not isinstance(value, dict):
            at.error("expected a mapping from currency code to rate")
            return None
        result = {}
        for code in calculators.CURRENCIES:
            if code not in value:
                at.error(f"missing a rate for {code}")
                continue
            amount = Money().check(value[code], at.child(code, value.line_of(code) if hasattr(value, "line_of") else at.line))
            if amount is not None and amount == 0:
                at.child(code, at.line).error("a rate cannot be 0")
            elif amount is not None:
                result[code] = str(amount)
        for code in value:
            if code not in calculators.CURRENCIES:
                at.child(code, at.line).error(f"unknown currency; the calculator knows {', '.join(calculators.CURRENCIES)}")
        return result if len(result) == len(calculators.CURRENCIES) else None


RATES = Record(
    date=Date(),
    source=Ref("source"),
    per_dkk=_PerDkk(),
    rounding=Record(quantum=OneOf("1", name="rounding quantum"), mode=OneOf("half_up", name="rounding mode")),
    home_currency=Record(**{code: OneOf(*calculators.CURRENCIES, name="currency") for code in COUNTRIES}),
)


def compile_rates(rates: dict) -> dict:
    """Plain JSON-able rates for calculators.totals and the browser."""
    return {**rates, "date": rates["date"].isoformat()}


# --- the page -----------------------------------------------------------------------

def _field(loc: Localiser, form: dict, name: str, control: str) -> str:
    spec = form[name]
    hint = spec.get("hint")
    described = f' aria-describedby="{name}-hint"' if hint else ""
    parts = [f'<div class="eg-field" id="{name}-field">',
             f'<label class="eg-label" for="{name}">{escape(loc.inline(spec["label"]))}</label>']
    if hint:
        parts.append(f'<p class="eg-hint" id="{name}-hint">{escape(loc.inline(hint))}</p>')
    parts.append(f'<p class="eg-error-message" id="{name}-error" hidden></p>')
    parts.append(control.replace("{described}", described))
    parts.append("</div>")
    return "\n".join(parts)


def _select(name: str, options: list[tuple[str, str]], choose: str | None) -> str:
    first = f'<option value="">{escape(choose)}</option>' if choose else ""
    items = "".join(f'<option value="{escape(value)}">{escape(label)}</option>' for value, label in options)
    return f'<select id="{name}" name="{name}"{{described}}>{first}{items}</select>'


def _text_input(name: str, mode: str, value: str = "") -> str:
    return (f'<input class="eg-input" id="{name}" name="{name}" type="text" inputmode="{mode}" '
            f'autocomplete="off" spellcheck="false" value="{escape(value)}"{{described}}>')


def _form(loc: Localiser, data: dict) -> str:
    form = data["form"]
    countries = [(code, loc.inline(loc.content.site["countries"][code])) for code in COUNTRIES]
    choose = loc.inline(form["choose"])
    currencies = [(code, code) for code in calculators.CURRENCIES]
    fields = [
        _field(loc, form, "home", _select("home", countries, choose)),
        _field(loc, form, "host", _select("host", countries, choose)),
        _field(loc, form, "start", '<input class="eg-input" id="start" name="start" type="date"{described}>'),
        _field(loc, form, "end", '<input class="eg-input" id="end" name="end" type="date"{described}>'),
        _field(loc, form, "leave_days", _text_input("leave_days", "numeric", "0")),
        _field(loc, form, "travel_cost", _text_input("travel_cost", "decimal")),
        _field(loc, form, "travel_currency", _select("travel_currency", currencies, None)),
        _field(loc, form, "family_members", _text_input("family_members", "numeric", "0")),
    ]
    return "\n".join([
        # role="group": a <div> may be named (aria-labelledby) only with a role; focus lands here.
        '<div class="eg-error-summary" id="eg-error-summary" role="group" tabindex="-1" hidden aria-labelledby="eg-error-summary-title">',
        f'<h2 class="eg-error-summary__title" id="eg-error-summary-title">{escape(loc.inline(data["errors"]["summary_title"]))}</h2>',
        '<ul class="eg-error-summary__list"></ul>',
        "</div>",
        f'<noscript><p class="eg-notice">{escape(loc.inline(form["no_script"]))}</p></noscript>',
        '<form class="eg-calculator" id="eg-calculator" novalidate hidden>',
        f'<fieldset><legend class="eg-legend">{escape(loc.inline(form["heading"]))}</legend>',
        *fields,
        "</fieldset>",
        f'<p class="eg-status" id="eg-status" role="status">{escape(loc.inline(form["loading"]))}</p>',
        f'<button class="md-button md-button--primary" id="eg-submit" type="submit">{escape(loc.inline(form["submit"]))}</button>',
        "</form>",
        '<section class="eg-result" id="eg-result" hidden aria-labelledby="eg-result-title"></section>',
    ])


def _browser_data(loc: Localiser, data: dict) -> str:
    """Everything the script needs to speak the page's language, as JSON in the page."""
    content = loc.content
    pick = loc.inline
    sources = {}
    for source in content.sources["sources"]:
        when = loc.date(source["date"]) if source.get("date") else loc.ui("undated")
        sources[source["id"]] = {"label": f"{source_name(source)}, {when}",
                                 "href": f"../sources/#{source['id']}"}
    payload = {
        "lang": loc.lang,
        "formats": {key: loc.language[key] for key in ("thousands_separator", "decimal_separator", "date_pattern")},
        "units": {key: pick(content.ui[key]) for key in
                  ("days_one", "days_many", "weeks_one", "weeks_many", "months_one", "months_many")},
        "labels": {name: pick(data["form"][name]["label"]) for name in FIELD_ORDER},
        "missing": {name: pick(data["form"][name]["missing"]) for name in FIELD_ORDER
                    if "missing" in data["form"][name]},
        "countries": {code: pick(content.site["countries"][code]) for code in COUNTRIES},
        "errors": {key: pick(text) for key, text in data["errors"].items()},
        "result": {key: pick(text) for key, text in data["result"].items()},
        "reasons": {code: {k: pick(t) for k, t in texts.items()} for code, texts in data["reasons"].items()},
        "covered": {key: pick(text) for key, text in data["covered"].items()},
        "load_failed": pick(data["form"]["load_failed"]),
        "rule_sets": {rs["id"]: pick(rs["title"]) for rs in content.rules["rule_sets"]},
        # A rule value's note (why it is uncertain, which reading is used) goes with it in the result.
        "notes": {rs["id"]: {name: pick(value["note"]) for name, value in rs["values"].items() if value.get("note")}
                  for rs in content.rules["rule_sets"]},
        "sources": sources,
        "source_label": loc.ui("source"),
        "home_currency": content.rates["home_currency"],
        "default_home": {"sv": "SE", "nb": "NO", "da": "DK", "fi": "FI", "is": "IS"}.get(loc.lang, ""),
    }
    return json_block("eg-calculator-data", payload)


def _value_text(loc: Localiser, rules_text: dict, value: dict) -> str:
    """A rules.yml value in words, in the page's language."""
    pick = loc.inline
    if "amount" in value:
        return loc.money(value["amount"], value["currency"])
    if "codes" in value:
        return ", ".join(pick(loc.content.site["countries"][code]) for code in value["codes"])
    if "required" in value:
        return pick(rules_text["answer_yes"] if value["required"] else rules_text["answer_no"])
    if "applies" in value:
        return pick(rules_text["answer_yes"] if value["applies"] else rules_text["answer_no"])
    if "days_per_month" in value:
        return loc.number(value["days_per_month"])
    if "mode" in value:
        return pick(rules_text["half_up"])
    for unit in ("days", "weeks", "months"):
        if value.get(unit):
            return loc.duration(int(value[unit]), unit)
    if "from_months" in value:
        return loc.duration(int(value["from_months"]), "months")
    if "count" in value:
        return loc.number(int(value["count"]))
    return ""


def _rules_section(loc: Localiser, data: dict) -> list[str]:
    text = data["rules"]
    pick = loc.inline
    blocks = [f"## {escape_md(pick(text['heading']))} {{ #rules }}", pick(text["intro"])]
    for rule_set in loc.content.rules["rule_sets"]:
        blocks.append(f"### {escape_md(pick(rule_set['title']))} {{ #rules-{rule_set['id']} }}")
        until = loc.date(rule_set["valid_to"]) if rule_set.get("valid_to") else pick(text["open_ended"])
        lines = [pick(text["valid"]).replace("{from}", loc.date(rule_set["valid_from"])).replace("{to}", until)]
        if rule_set.get("home"):
            names = ", ".join(pick(loc.content.site["countries"][c]) for c in rule_set["home"])
            lines.append(pick(text["for_home"]).replace("{countries}", names))
        else:
            lines.append(pick(text["general"]))
        blocks.append("  \n".join(escape_md(line) for line in lines))
        rows = [f"| {pick(text['value'])} | {pick(text['amount'])} | {loc.ui('source')} |", "| --- | --- | --- |"]
        for name in VALUE_NAMES:
            value = rule_set["values"].get(name)
            if not value:
                continue
            shown = escape_md(_value_text(loc, text, value))
            if value.get("uncertain"):
                shown += f" ({loc.ui('uncertain')})"
                if value.get("note"):
                    shown += ": " + escape_md(pick(value["note"]))
            source = loc.content.source(value["source"])
            cite = f"[{escape_md(source_name(source))}](sources.md#{value['source']})"
            rows.append(f"| {escape_md(pick(text['names'][name]))} | {shown.replace('|', '/')} | {cite} |")
        blocks.append("\n".join(rows))
    return blocks


def _examples(loc: Localiser, data: dict) -> list[str]:
    text = data["examples"]
    pick = loc.inline
    columns = text["columns"]
    head = [pick(columns[key]) for key in ("home", "host", "stay", "leave_days", "eligible", "stipend")]
    rows = ["| " + " | ".join(head) + " |", "| --- | --- | --- | --- | --- | --- |"]  # no alignment: it would need style attributes, which the CSP forbids
    for item in data["examples"]["items"]:
        request = {"home": item["home"], "host": item["host"], "start": item["start"], "end": item["end"],
                   "leave_days": item.get("leave_days", 0)}
        result = calculators.estimate(request, loc.content.rules).to_dict()
        countries = loc.content.site["countries"]
        stay = f"{loc.date(item['start'])} – {loc.date(item['end'])}"
        answer = pick(data["rules"]["answer_yes"] if result["eligible"] else data["rules"]["answer_no"])
        rows.append(f'| {pick(countries[item["home"]])} | {pick(countries[item["host"]])} | {stay} | '
                    f'{loc.number(request["leave_days"])} | {answer} | {loc.money(result["stipend_dkk"], "DKK")} |')
    return [f"## {escape_md(pick(text['heading']))} {{ #examples }}", pick(text["intro"]), "\n".join(rows)]


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
