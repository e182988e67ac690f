// The front end's pure functions under Node's own test runner: `node --test frontend/tests/`.
// (Against the build's own output in every language: tests/test_dates_and_theme.py, in a browser.)
import assert from "node:assert/strict";
import { test } from "node:test";

import { formatDate } from "../assets/javascripts/calculator/format.js";

const FINNISH = {
  pattern: "d. MMMM y",
  months: ["tammikuuta", "helmikuuta", "maaliskuuta", "huhtikuuta", "toukokuuta", "kesäkuuta", "heinäkuuta",
    "elokuuta", "syyskuuta", "lokakuuta", "marraskuuta", "joulukuuta"],
};

test("a long date uses the month's name in its format form", () => {
  assert.equal(formatDate(FINNISH, "2023-05-02"), "2. toukokuuta 2023");
  assert.equal(formatDate(FINNISH, "2026-12-31"), "31. joulukuuta 2026");
});

test("numeric fields are padded as the pattern's run is long", () => {
  const numeric = { pattern: "dd.MM.yyyy", months: FINNISH.months };
  assert.equal(formatDate(numeric, "2024-02-09"), "09.02.2024");
  assert.equal(formatDate({ pattern: "d.M.yy", months: [] }, "2007-03-01"), "1.3.07");
});

test("text in quotes is literal, and two quotes are a quote", () => {
  const pattern = { pattern: "'den' d MMMM y 'kl''s'", months: FINNISH.months };
  assert.equal(formatDate(pattern, "2023-01-01"), "den 1 tammikuuta 2023 kl's");
});

test("a field the formatter does not know is an error, not a silent letter", () => {
  assert.throws(() => formatDate({ pattern: "EEEE d MMMM y", months: FINNISH.months }, "2023-01-01"), /no field E/);
});
