// The calculator page: reads the form, asks the worker (Pyodide + the calculators package) for
// an estimate, and shows the answer or the errors in the page's language (GOV.UK patterns).
// All texts and formats come from the JSON block the build writes into the page.
import { formatDate as formatDateIn, readDate, readNumber } from "./format.js";
import { checkAnswers, planOptions, renderPlan } from "./plan.js";
import { loadingLine } from "./progress.js";
const { listen, worker } = window.egCalculatorStart; // started in <head> (start.js)

const data = JSON.parse(document.getElementById("eg-calculator-data").textContent);
const form = /** @type {HTMLFormElement} */ (document.getElementById("eg-calculator"));
/** A control of the form by its field's name (calculators.FIELDS): an input or a select.
 * @param {string} name */
const control = (name) =>
  /** @type {HTMLInputElement & HTMLSelectElement} */ (/** @type {unknown} */ (form.elements.namedItem(name)));
const status = document.getElementById("eg-status");
const summary = document.getElementById("eg-error-summary");
const resultRegion = document.getElementById("eg-result");
// The form's fields and the duration units are the calculators package's (calculators.FIELDS,
// calculators.codes.DURATION_UNITS), carried here in the page's JSON rather than typed again.
const FIELDS = data.fields;
const DATE_FIELDS = ["start", "end"];
const pageTitle = document.title;

// --- formatting, as the build formats (content/site.yml) -------------------------------
// The decimals as given ("2450.50" is "2 450,50"), none where they are all 0, as localise.py does.
// Groups of three from the right, in one pass (a lookahead regular expression is quadratic in the digits).
function formatNumber(value) {
  const [whole, fraction = ""] = String(value).replace(/^-/, "").split(".");
  const groups = [];
  for (let end = whole.length; end > 0; end -= 3) groups.push(whole.slice(Math.max(0, end - 3), end));
  const grouped = groups.reverse().join(data.formats.thousands_separator);
  const decimals = /^0*$/.test(fraction) ? "" : data.formats.decimal_separator + fraction;
  return (String(value).startsWith("-") ? "-" : "") + grouped + decimals;
}
// The currency code on the side the language puts it (site.yml: DKK 18,000 in English).
const money = (amount, currency) =>
  data.formats.currency_first ? `${currency}\u00a0${formatNumber(amount)}` : `${formatNumber(amount)}\u00a0${currency}`;
// Dates in CLDR's long form for the page's language ("2 May 2023"), as the build writes them.
const formatDate = (iso) => formatDateIn(data.date_format, iso);
// A date in a form field: CLDR's short form, in the order the field reads dates ("2.3.2026"). A
// value that is not year-month-day in digits (a shared link gone wrong) is shown as it is, so
// that the reader sees it and its message.
function fieldDate(iso) {
  if (!/^\d{4}-\d{1,2}-\d{1,2}$/.test(iso)) return iso;
  return formatDateIn({ pattern: data.date_format.short, months: data.date_format.months }, iso);
}
// A counted text (exchange_guide/model/plurals.py) is a string, or a form per CLDR plural
// category ({one, other}), in Icelandic each form per case: the browser's CLDR rules choose,
// as Babel does at build time ("21 dagur").
const pluralRules = new Intl.PluralRules(data.lang);
function counted(forms, n, values = {}, grammaticalCase = "nom") {
  let form = forms;
  if (typeof form === "object") form = form[pluralRules.select(n)] ?? form.other;
  if (typeof form === "object") form = form[grammaticalCase] ?? form.nom;
  return fill(form, { ...values, n: formatNumber(n) });
}
// "Your stay: 61 days = 2 whole months + 1 extra day." (the result and the application): the days,
// then the whole months and the extra days they make, a part that is 0 left out.
function stayLength(result) {
  const days = formatDuration({ days: result.days });
  if (!result.months) return days;
  const months = counted(data.result.whole_months, result.months);
  return result.extra_days ? `${days} = ${months} + ${counted(data.result.extra_days, result.extra_days)}` : `${days} = ${months}`;
}
function stayLine(result) {
  return fill(data.result.stay, { length: stayLength(result) });
}
function formatDuration(limit) {
  if (!limit) return "";
  const unit = data.duration_units.find((u) => limit[u]);
  return counted(data.units[unit], limit[unit]).replace(" ", "\u00a0");
}
function fill(text, values) {
  return text.replace(/\{(\w+)\}/g, (whole, key) => (key in values ? values[key] : whole));
}
// A maximum ("upp till 36 000 DKK"): the sources give the stipend as a ceiling. `node` holds the
// amount (with the data the tests read); a stay that does not qualify has 0 and no "up to".
function atMost(node, amount) {
  if (!Number(amount)) return [node];
  const [before, after = ""] = data.result.up_to.split("{amount}");
  return [before, node, after];
}

// --- small DOM helpers (text is always set as text, never parsed as HTML) ----------------
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  for (const child of children) node.append(child);
  return node;
}
// The note of a rules.yml value: why it is uncertain, or which reading of the source is used. A
// result shows each note once: where two lines rest on the same value, the second gives the source
// alone (each line says one thing once). `shownNotes` is emptied for every new result.
const shownNotes = new Set();
function noteFor(ruleSet, rule) {
  const note = (data.notes[ruleSet] || {})[rule] || "";
  if (!note || shownNotes.has(note)) return "";
  shownNotes.add(note);
  return note;
}
function sourceLink(id, uncertain, note = "") {
  const source = data.sources[id];
  if (!source) return "";
  // The source's name in its own language, marked so (WCAG 3.1.2), as the build marks it.
  const name = source.lang === data.lang ? source.name : el("span", { lang: source.lang }, source.name);
  const link = el("a", { href: source.href, class: "eg-source" }, `${data.source_label}: `, name, `, ${source.when}`);
  const wrapper = el("span", { class: "eg-source-line" }, " ", link);
  if (uncertain) wrapper.append(" ", el("strong", { class: "eg-uncertain" }, `(${data.result.uncertain})`));
  if (note) wrapper.append(" ", el("span", { class: "eg-note" }, note));
  return wrapper;
}

// --- the form and the URL -----------------------------------------------------------------
// What the reader typed, in the page's conventions, read the way the calculators package reads it:
// a date in the language's order, a number with the page's separators (format.js).
function readForm() {
  const request = {};
  for (const name of FIELDS) {
    const field = control(name);
    let value = field.value.trim();
    if (DATE_FIELDS.includes(name)) value = readDate(data.date_format, value);
    else if (["numeric", "decimal"].includes(field.inputMode)) value = readNumber(data.formats, value);
    request[name] = value;
  }
  return request;
}
function fillForm(params) {
  for (const name of FIELDS) {
    if (!params.has(name)) continue;
    const field = control(name);
    const value = params.get(name);
    if (field.tagName === "SELECT" && ![...field.options].some((o) => o.value === value)) continue;
    field.value = DATE_FIELDS.includes(name) ? fieldDate(value) : fieldNumber(field, value);
  }
}
// A shared link's amount ("2450.50") in a number field, with the page's decimal separator.
function fieldNumber(field, value) {
  if (!["numeric", "decimal"].includes(field.inputMode) || !/^\d+\.\d+$/.test(value)) return value;
  return value.replace(".", data.formats.decimal_separator);
}
function isoDate(date) {
  return date.toISOString().slice(0, 10);
}
function setDefaults() {
  // Sensible defaults when nothing is given: your own country, and a two-month stay that
  // starts on the first of next month.
  if (data.default_home) control("home").value = data.default_home;
  const today = new Date();
  const start = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() + 1, 1));
  const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 2, 0));
  control("start").value = fieldDate(isoDate(start));
  control("end").value = fieldDate(isoDate(end));
}
function syncCurrency() {
  const currency = data.home_currency[control("home").value];
  if (currency && !control("travel_cost").value) control("travel_currency").value = currency;
}
function permalink(request) {
  const params = new URLSearchParams();
  for (const name of FIELDS) if (request[name] !== "") params.set(name, request[name]);
  return `?${params}`;
}

// --- errors (GOV.UK error summary) -------------------------------------------------------
function clearErrors() {
  summary.hidden = true;
  summary.querySelector("ul").replaceChildren();
  for (const name of FIELDS) {
    const field = control(name);
    const message = document.getElementById(`${name}-error`);
    message.hidden = true;
    message.replaceChildren();
    field.removeAttribute("aria-invalid");
    const hint = document.getElementById(`${name}-hint`);
    if (hint) field.setAttribute("aria-describedby", hint.id);
    else field.removeAttribute("aria-describedby");
    document.getElementById(`${name}-field`).classList.remove("eg-field--error");
  }
  document.title = pageTitle;
}
function errorText(error) {
  // A missing answer gets the field's own message ("Choose where you work"), as GOV.UK does.
  if (error.code === "required" && data.missing[error.field]) return data.missing[error.field];
  // Every other message names its field: as the label stands ("First day must be a real date"),
  // or in lower case within a sentence.
  const label = data.labels[error.field] || error.field;
  return fill(data.errors[error.code] || error.code, {
    label,
    field: label.charAt(0).toLowerCase() + label.slice(1),
    example: data.date_example,
    ...data.date_range,
  });
}
function showErrors(errors, moveFocus) {
  clearErrors();
  const seen = new Set();
  const list = summary.querySelector("ul");
  for (const error of errors) {
    if (seen.has(error.field) || !FIELDS.includes(error.field)) continue;
    seen.add(error.field);
    const text = errorText(error);
    const link = el("a", { href: `#${error.field}` }, text);
    link.addEventListener("click", (event) => {
      event.preventDefault();
      control(error.field).focus();
    });
    list.append(el("li", {}, link));
    const message = document.getElementById(`${error.field}-error`);
    message.replaceChildren(el("span", { class: "eg-visually-hidden" }, `${data.errors.title_prefix} `), text);
    message.hidden = false;
    const field = control(error.field);
    field.setAttribute("aria-invalid", "true");
    field.setAttribute("aria-describedby", [field.getAttribute("aria-describedby"), message.id].filter(Boolean).join(" "));
    document.getElementById(`${error.field}-field`).classList.add("eg-field--error");
  }
  summary.hidden = false;
  document.title = `${data.errors.title_prefix} ${pageTitle}`;
  resultRegion.hidden = true;
  resultRegion.removeAttribute("data-eligible");
  document.body.classList.remove("eg-has-result");
  if (moveFocus) summary.focus();
}

// --- the result -----------------------------------------------------------------------
// A check's outcome (calculators.CHECK_OUTCOMES): met, not met, or unclear (the stay passes on our
// reading only: no source settles the condition).
function outcome(check) {
  if (check.unclear) return "unclear";
  return check.ok ? "ok" : "fail";
}
function reasonText(check) {
  const texts = data.reasons[check.code];
  if (!texts || !texts[outcome(check)]) return check.code;
  return fill(texts[outcome(check)], {
    limit: formatDuration(check.limit),
    date: formatDate(check.first_allowed_end || check.last_allowed_end || check.start || "1970-01-01"),
    host: data.countries[check.host] || check.host || "",
    home: data.countries[check.home] || check.home || "",
    // Another rule set's limits, read as meant for stays in the host (check "host_reading").
    name: data.rule_sets[check.rule_set] || "",
    min: formatDuration(check.min_limit),
    max: formatDuration(check.max_limit),
    first: check.first_allowed_end ? formatDate(check.first_allowed_end) : "",
    last: check.last_allowed_end ? formatDate(check.last_allowed_end) : "",
  });
}
function costItem(item, text, ruleSet) {
  const covered = item.covered ? data.result.covered : data.result.not_covered;
  const why = fill(data.covered[item.reason] || "", { limit: formatDuration(item.limit) });
  return el("li", { class: item.covered ? "eg-cost eg-cost--yes" : "eg-cost eg-cost--no" },
    el("strong", {}, `${text}: ${covered}.`), ` ${why}`, sourceLink(item.source, item.uncertain, noteFor(ruleSet, item.rule)));
}
// The top panel: the verdict, the most the stay can pay and, where they apply, why the verdict is
// unclear and that the last day to apply has gone by (with what the sources say about applying late).
function panel(result, stipend) {
  const r = data.result;
  const unclear = result.eligible && result.unclear.length > 0;
  const kind = !result.eligible ? "no" : unclear ? "unclear" : "yes";
  const parts = [el("p", { class: "eg-panel__title" }, headline(result)),
    el("p", { class: "eg-panel__amount" }, `${r.stipend}: `, ...atMost(stipend, result.max_stipend_dkk))];
  if (unclear) parts.push(el("p", { class: "eg-panel__note eg-panel__unclear" }, r.unclear_note));
  const apply = result.plan.find((step) => step.id === "apply_by");
  if (apply && apply.passed) {
    const words = data.plan.ics;
    parts.push(el("p", { class: "eg-panel__note eg-panel__deadline" },
      `${fill(words.apply_passed, { date: formatDate(apply.date) })} `,
      apply.late_considered ? words.late_considered : words.late_not_stated));
  }
  return el("div", { class: `eg-panel eg-panel--${kind}` }, ...parts);
}
function headline(result) {
  if (!result.eligible) return data.result.not_eligible;
  return result.unclear.length ? data.result.eligible_unclear : data.result.eligible;
}
// The conditions checked, each with its outcome and source.
function conditions(result) {
  const r = data.result;
  const checks = el("ul", { class: "eg-checks" });
  const label = { ok: r.passed, fail: r.failed, unclear: r.unclear };
  for (const check of result.reasons) {
    // A check resting on another rule set's value (host_reading) takes that rule set's note.
    const note = noteFor(check.rule_set || result.rule_set, check.rule);
    checks.append(el("li", { class: `eg-check eg-check--${outcome(check)}` },
      el("strong", {}, `${label[outcome(check)]}: `), reasonText(check),
      sourceLink(check.source, check.uncertain, note)));
  }
  return [el("h3", {}, r.checks), checks];
}
// How the most the stay can pay is worked out: only for a stay that qualifies (no working for money
// that is not paid).
function working(result) {
  const r = data.result;
  if (!result.eligible || !result.rule_set) return [];
  const rate = result.max_monthly_dkk ? money(result.max_monthly_dkk, "DKK") : "";
  const divisor = formatNumber(result.days_per_month || 30);
  const breakdown = el("ul", { class: "eg-breakdown" });
  breakdown.append(el("li", {}, stayLine(result)));
  if (result.months) breakdown.append(el("li", {}, counted(r.months_line, result.months, { rate })));
  if (result.extra_days) breakdown.append(el("li", {}, counted(r.extra_line, result.extra_days, { rate, divisor })));
  // Days off: deducted only where the home administration says so; either way the rule's
  // source and note say whose rule it is.
  const leave = result.basis.find((basis) => basis.code === "leave_reduces_stipend");
  if (leave && result.leave_days) {
    const line = result.leave_days_deducted
      ? counted(r.leave_line, result.leave_days_deducted, { rate, divisor })
      : counted(r.leave_kept, result.leave_days);
    breakdown.append(el("li", {}, line, sourceLink(leave.source, leave.uncertain, noteFor(result.rule_set, leave.code))));
  }
  breakdown.append(el("li", {}, r.rounding));
  breakdown.append(el("li", {}, fill(r.rule_set, { name: data.rule_sets[result.rule_set] || result.rule_set })));
  for (const basis of result.basis) {
    if (basis.code === "monthly_stipend") {
      breakdown.lastChild.append(sourceLink(basis.source, basis.uncertain, noteFor(result.rule_set, basis.code)));
    }
  }
  return [el("h3", {}, r.breakdown), breakdown];
}
// Travel and moving, the total and the total in the home currency: only for a stay that qualifies
// (for one that does not, nothing is covered and the total is 0).
function costsAndTotal(result, totals) {
  const r = data.result;
  if (!result.eligible) return [];
  const costs = el("ul", { class: "eg-costs" });
  const cost = result.travel.cost;
  const ruleSet = result.rule_set;
  costs.append(costItem(result.travel, cost ? fill(r.travel, { amount: money(cost.amount, cost.currency) }) : r.travel_unknown, ruleSet));
  if (result.family_members > 0) costs.append(costItem(result.family_travel, counted(r.family_travel, result.family_members), ruleSet));
  costs.append(costItem(result.moving, r.moving, ruleSet));
  costs.append(costItem(result.home_trip, r.home_trip, ruleSet));

  const total = el("p", { class: "eg-total" }, `${r.total}: `, ...atMost(
    el("strong", { "data-result": "max_total_dkk", "data-value": String(totals.max_total_dkk) },
      money(totals.max_total_dkk, "DKK")), totals.max_total_dkk));
  // A journey covered without its price is not in the total: said, not left for the reader to guess.
  if (result.travel.covered && !cost) total.append(" ", el("span", { class: "eg-total__note" }, r.total_no_journey));
  const converted = [];
  if (totals.home_currency !== "DKK" && totals.max_total_dkk) {
    converted.push(el("p", { class: "eg-converted" },
      el("span", { "data-result": "max_total_home", "data-value": String(totals.max_total_home),
        "data-currency": totals.home_currency },
        fill(r.converted, {
          amount: money(totals.max_total_home, totals.home_currency),
          rate: `${money(1, "DKK")} = ${money(totals.rate, totals.home_currency)}`,
          date: formatDate(totals.rate_date),
        })), " ", r.rate_note, sourceLink(totals.rate_source, true)));
  }
  return [el("h3", {}, r.costs), costs, total, ...converted];
}
// The result in the order a reader acts on it: the verdict and the most the stay can pay; then what
// to do next (for a stay that qualifies, the figures for the application and the plan; for one
// that does not, the nearest stays that would, and why it does not); then the answers given and the
// working.
function renderResult(answer, request) {
  const { result, totals } = answer;
  const r = data.result;
  shownNotes.clear();
  const stipend = el("strong", { "data-result": "max_stipend_dkk", "data-value": String(result.max_stipend_dkk) },
    money(result.max_stipend_dkk, "DKK"));
  const next = renderPlan(planHelpers, answer, applySuggestion);
  const answers = checkAnswers(planHelpers, request);
  const sections = result.eligible
    ? [...next.application, ...next.plan, ...answers, ...conditions(result), ...working(result),
      ...costsAndTotal(result, totals)]
    : [...next.suggestions, ...conditions(result), ...answers, ...next.plan];

  const link = el("a", { href: permalink(request), id: "eg-permalink" }, r.permalink);
  const print = el("button", { type: "button", class: "md-button", id: "eg-print" }, r.print);
  print.addEventListener("click", () => window.print());

  resultRegion.replaceChildren(
    el("h2", { id: "eg-result-title", tabindex: "-1" }, r.heading),
    panel(result, stipend),
    ...sections,
    el("p", { class: "eg-estimate-note" }, r.estimate_note),
    el("p", { class: "eg-actions" }, link, " ", print),
  );
  resultRegion.dataset.eligible = String(result.eligible);
  resultRegion.dataset.unclear = String(result.eligible && result.unclear.length > 0);
  resultRegion.hidden = false;
  document.body.classList.add("eg-has-result");
  const amount = atMost(money(result.max_stipend_dkk, "DKK"), result.max_stipend_dkk).join("");
  status.textContent = `${headline(result)}. ${r.stipend}: ${amount}.`;
}
// Brings the result (or the error summary) into view, with focus, when the answer was not asked
// for in the form: a shared link or a language switch opened the page, or a suggestion was
// applied. Not when the reader has meanwhile gone on to something else on the page.
function landOn(target) {
  target.focus({ preventScroll: true });
  target.scrollIntoView({ block: "start" });
}
const readerIsElsewhere = () => {
  const active = document.activeElement;
  return active !== null && active !== document.body && !resultRegion.contains(active);
};

// --- talking to the worker (started by start.js, in <head>) ------------------------------
let nextId = 0;
let latest = 0;
let calculatedOnce = false;
const pending = new Map();
// For theme-later.js: the calculator has done its first work, Material's script may load now.
let settled = false;
function settle() {
  if (settled) return;
  settled = true;
  document.dispatchEvent(new Event("eg-calculator-settled"));
}

const loading = loadingLine(status, data.progress, formatNumber); // the wait, until "ready"
listen((message) => {
  if (message.type === "progress") return loading.progress({ done: message.done, total: message.total });
  if (message.type === "ready") {
    form.removeAttribute("aria-busy");
    if (!calculatedOnce) status.textContent = "";
    document.documentElement.dataset.calculatorReady = "true";
    document.documentElement.dataset.calculatorStart = message.how; // "snapshot" or "normal": for the tests
    if (pending.size === 0) settle();
    return;
  }
  if (message.type === "failed") {
    status.textContent = data.load_failed;
    document.documentElement.dataset.calculatorReady = "failed";
    settle();
    return;
  }
  const job = pending.get(message.id);
  pending.delete(message.id);
  // For the tests: "false" once the newest request is answered (the worker answers in order).
  if (pending.size === 0) document.documentElement.dataset.calculatorBusy = "false";
  if (!job || message.id !== latest) return; // an older answer: a newer request is on its way
  const { answer } = message;
  // Measurement hooks for the benchmark (tests/bench_calculator.py) and the tests.
  document.documentElement.dataset.lastCalculationMs = (performance.now() - job.sentAt).toFixed(1);
  if (!calculatedOnce && answer.ok) performance.mark("eg-first-result");
  const landing = job.land && !readerIsElsewhere();
  if (answer.ok) {
    clearErrors();
    renderResult(answer, job.request);
    history.replaceState(null, "", permalink(job.request));
    calculatedOnce = true;
    if (landing) landOn(document.getElementById("eg-result-title"));
  } else {
    showErrors(answer.errors, job.moveFocus || landing);
    status.textContent = "";
  }
  document.documentElement.dataset.calculations = String(Number(document.documentElement.dataset.calculations || 0) + 1);
  settle();
});

// `moveFocus`: to the error summary, if there are errors (the reader pressed Calculate); `land`: to
// the result or the errors, unless the reader is busy elsewhere on the page (see landOn()).
function calculate(moveFocus, land = false) {
  const request = readForm();
  const id = ++nextId;
  latest = id;
  pending.set(id, { request, moveFocus, land, sentAt: performance.now() });
  document.documentElement.dataset.calculatorBusy = "true";
  loading.queue(); // says that the answer will come, while the calculator is still loading
  worker.postMessage({ id, request: { ...request, ...planOptions(data.plan) } });
}

// For plan.js: the page's helpers, and putting a suggested date into the form.
const planHelpers = { atMost, data, el, fill, form, formatDate, formatNumber, money, noteFor, sourceLink, stayLength };
// The new result is brought into view, not the field: the reader pressed the button to see it.
function applySuggestion(field, value) {
  control(field).value = fieldDate(value);
  calculate(false, true);
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  calculate(true);
});
form.addEventListener("change", (event) => {
  if (/** @type {HTMLInputElement} */ (event.target).name === "home") syncCurrency();
  if (calculatedOnce) calculate(false);
});

// --- start ----------------------------------------------------------------------------
const params = new URLSearchParams(location.search);
if (FIELDS.some((name) => params.has(name))) {
  fillForm(params);
  calculate(false, true); // a shared link, or the page in another language: the answer is what it is for
} else {
  setDefaults();
  syncCurrency();
}
form.setAttribute("aria-busy", "true");
form.hidden = false;
