// The parts of the result that say what to do: "Check your answers" with Change links, the
// suggestions for a stay that does not qualify, the dated plan with its sources and the calendar
// file, and "What to put in your application" (page.js puts them in the result's order). The plan,
// the steps' notes and the .ics text are made by the same Python code as on the command line
// (calculators.json_api.run, through the worker); this module only lays them out, with the texts
// of content/plan.yml from the page's JSON.

// The extra request keys the worker passes on to calculators.json_api: the reader's own date
// (the rules never read a clock) and the words for the plan and the calendar file.
export function planOptions(texts) {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  const today = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  return { today, ics: texts.ics };
}

// "Check your answers" (GOV.UK): each answer with a Change link that takes you to its field. The
// link says what it changes to a screen reader ("Change home country"), in the case the language's
// word for Change takes (plan.yml check_answers.fields).
export function checkAnswers(h, request) {
  const { data, el, form, formatDate, money } = h;
  const t = data.plan.check_answers;
  const list = el("dl", { class: "eg-stay eg-check-answers" });
  for (const name of data.fields.filter((field) => field in t.fields)) {
    let value = request[name];
    if (value === "") continue;
    if (name === "home" || name === "host") value = data.countries[value] || value;
    if (name === "start" || name === "end") value = formatDate(value);
    if (name === "travel_cost") value = money(value.replace(",", "."), request.travel_currency);
    const change = el("a", { href: `#${name}`, class: "eg-change", "data-field": name },
      t.change, el("span", { class: "eg-visually-hidden" }, ` ${t.fields[name]}`));
    change.addEventListener("click", (event) => {
      event.preventDefault();
      form.elements[name].focus();
      form.elements[name].scrollIntoView({ block: "center" });
    });
    list.append(el("div", { class: "eg-check-answers__row" },
      el("dt", {}, data.labels[name]), el("dd", {}, value), el("dd", { class: "eg-check-answers__change" }, change)));
  }
  return [el("h3", { id: "eg-check-answers" }, t.heading), list];
}

function suggestionList(h, result, apply) {
  if (result.eligible) return [];
  const { data, el, fill, formatDate, money } = h;
  const t = data.plan.suggestions;
  if (!result.suggestions.length) return [el("h3", {}, t.heading), el("p", { class: "eg-suggestions-none" }, t.none)];
  const list = el("ul", { class: "eg-suggestions" });
  for (const suggestion of result.suggestions) {
    const button = el("button", { type: "button", class: "md-button", "data-suggestion": suggestion.field,
      "data-value": suggestion.value }, t.apply);
    button.addEventListener("click", () => apply(suggestion.field, suggestion.value));
    list.append(el("li", {}, fill(t[suggestion.field], {
      date: formatDate(suggestion.value), stipend: money(suggestion.max_stipend_dkk, "DKK"),
    }), " ", button));
  }
  return [el("h3", {}, t.heading), list];
}

function planList(h, answer) {
  const { data, el, formatDate, sourceLink, noteFor } = h;
  const words = data.plan.ics;
  const list = el("ol", { class: "eg-plan" });
  for (const step of answer.result.plan) {
    const item = el("li", { class: step.passed ? "eg-plan__step eg-plan__step--passed" : "eg-plan__step",
      "data-step": step.id, "data-date": step.date || "" });
    item.append(el("strong", {}, words.steps[step.id]));
    if (step.date) item.append(": ", el("time", { datetime: step.date }, formatDate(step.date)));
    const note = answer.plan_notes[step.id];
    if (note) item.append(el("br"), el("span", { class: "eg-plan__note" }, note));
    if (step.source) item.append(sourceLink(step.source, step.uncertain, noteFor(answer.result.rule_set, step.rule)));
    list.append(item);
  }
  const file = new Blob([answer.ics], { type: "text/calendar" });
  const download = el("a", { href: URL.createObjectURL(file), download: `norut-plan-${answer.result.start}.ics`,
    class: "md-button", id: "eg-calendar" }, words.calendar);
  return [el("h3", { id: "eg-plan" }, words.heading), el("p", {}, words.intro), list,
    el("p", { class: "eg-plan__rule" }, words.date_rule), el("p", { class: "eg-actions" }, download)];
}

function application(h, result) {
  const { atMost, data, el, formatDate, formatNumber, money, stayLength } = h;
  const t = data.plan.application;
  const figures = el("dl", { class: "eg-stay eg-application-figures" });
  const add = (label, ...value) => figures.append(el("dt", {}, label), el("dd", {}, ...value));
  const day = (iso) => el("time", { datetime: iso }, formatDate(iso)); // not broken across lines (guide.css)
  add(t.period, day(result.start), " – ", day(result.end));
  add(t.stay, stayLength(result));
  add(data.result.stipend, ...atMost(money(result.max_stipend_dkk, "DKK"), result.max_stipend_dkk));
  if (result.travel.cost) add(t.journey, money(result.travel.cost.amount, result.travel.cost.currency));
  if (result.family_travel.covered && result.family_members) add(data.labels.family_members, formatNumber(result.family_members));
  // The figures straight under the heading: on a phone they are on the result's first screen.
  const parts = [el("h3", { id: "eg-application" }, t.heading), figures, el("p", {}, t.figures)];
  if (result.home === "SE") parts.push(el("p", { "data-application": "SE" }, t.SE));
  else if (result.home === "DK") {
    parts.push(el("h4", {}, t.dk_2007_heading), el("p", { "data-application": "dk-2007" }, t.dk_2007),
      el("ul", { class: "eg-application-items" }, ...t.dk_2007_items.map((item) => el("li", {}, item))));
  } else parts.push(el("p", { "data-application": "other" }, t.other));
  return parts;
}

// The parts that follow the result's panel, for page.js to put in order: what would make a stay
// qualify, the plan, and what to put in the application (each a list of nodes, empty where it
// does not apply). `h`: the page's helpers and data; `apply(field, value)` puts a suggested date
// into the form and calculates again.
export function renderPlan(h, answer, apply) {
  if (!answer.ics) return { suggestions: [], plan: [], application: [] };
  return {
    suggestions: suggestionList(h, answer.result, apply),
    plan: planList(h, answer),
    application: answer.result.eligible ? application(h, answer.result) : [],
  };
}
