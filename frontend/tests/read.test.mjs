// Reading what a reader types (calculator/format.js readDate, readNumber) under Node's test runner.
// The patterns and month names are CLDR's as Babel gives them to the page (localise.py date_format);
// the browser tests read them from the built page (tests/test_phone_calculator.py).
import assert from "node:assert/strict";
import { test } from "node:test";

import { readDate, readNumber } from "../assets/javascripts/calculator/format.js";

const SWEDISH = {
  short: "y-MM-dd",
  months: ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
    "november", "december"],
};
const FINNISH = {
  short: "d.M.y",
  months: ["tammikuuta", "helmikuuta", "maaliskuuta", "huhtikuuta", "toukokuuta", "kesäkuuta", "heinäkuuta",
    "elokuuta", "syyskuuta", "lokakuuta", "marraskuuta", "joulukuuta"],
};
const BRITISH = { short: "dd/MM/y", months: ["January", "February", "March", "April", "May", "June", "July",
  "August", "September", "October", "November", "December"] };

test("a date in the language's own order, with any separators", () => {
  assert.equal(readDate(FINNISH, "2.3.2026"), "2026-03-02");
  assert.equal(readDate(FINNISH, " 2 3 2026 "), "2026-03-02");
  assert.equal(readDate(BRITISH, "02/03/2026"), "2026-03-02");
  assert.equal(readDate(SWEDISH, "2026-03-02"), "2026-03-02");
  assert.equal(readDate(SWEDISH, "2026 3 2"), "2026-03-02");
});

test("a year first is year-month-day in every language; a year last in Swedish is day-month-year", () => {
  assert.equal(readDate(FINNISH, "2026-03-02"), "2026-03-02");
  assert.equal(readDate(BRITISH, "2026-03-02"), "2026-03-02");
  assert.equal(readDate(SWEDISH, "2/3/2026"), "2026-03-02");
});

test("eight digits without separators, in the language's order", () => {
  assert.equal(readDate(SWEDISH, "20260302"), "2026-03-02");
  assert.equal(readDate(FINNISH, "02032026"), "2026-03-02");
});

test("a month's name as the page writes it, or its first letters", () => {
  assert.equal(readDate(SWEDISH, "2 mars 2026"), "2026-03-02");
  assert.equal(readDate(FINNISH, "2. maaliskuuta 2026"), "2026-03-02");
  assert.equal(readDate(FINNISH, "2. maaliskuu 2026"), "2026-03-02");
  assert.equal(readDate(BRITISH, "2 Mar 2026"), "2026-03-02");
  assert.equal(readDate(SWEDISH, "2 ma 2026"), "2 ma 2026", "two letters: mars or maj");
  assert.equal(readDate(BRITISH, "2nd March 2026"), "2nd March 2026", "two words: passed on as typed");
});

test("what is wrong is left for the calculators package to name", () => {
  assert.equal(readDate(FINNISH, "30.2.2026"), "2026-02-30"); // no such day: date_not_real
  assert.equal(readDate(FINNISH, "2.3.1850"), "1850-03-02"); // date_out_of_range
  assert.equal(readDate(FINNISH, "2.3."), "-03-02"); // date_incomplete
  assert.equal(readDate(SWEDISH, "2026-03"), "2026-03-");
  assert.equal(readDate(FINNISH, "tomorrow"), "tomorrow"); // bad_date
  assert.equal(readDate(FINNISH, "1.2.3.4"), "1.2.3.4");
  assert.equal(readDate(FINNISH, "   "), "");
});

const SWEDISH_NUMBERS = { thousands_separator: " ", decimal_separator: "," };
const DANISH_NUMBERS = { thousands_separator: ".", decimal_separator: "," };
const ENGLISH_NUMBERS = { thousands_separator: ",", decimal_separator: "." };

test("numbers with the page's own separators", () => {
  assert.equal(readNumber(SWEDISH_NUMBERS, "2 450"), "2450");
  assert.equal(readNumber(SWEDISH_NUMBERS, "2\u00a0450,50"), "2450.50");
  assert.equal(readNumber(SWEDISH_NUMBERS, "2450,5"), "2450.5");
  assert.equal(readNumber(DANISH_NUMBERS, "2.450,50"), "2450.50");
  assert.equal(readNumber(DANISH_NUMBERS, "12.450"), "12450");
  assert.equal(readNumber(ENGLISH_NUMBERS, "2,450.50"), "2450.50");
  assert.equal(readNumber(ENGLISH_NUMBERS, "1,234,567"), "1234567");
});

test("a separator that does not separate thousands is left for the package to read", () => {
  assert.equal(readNumber(ENGLISH_NUMBERS, "2450,5"), "2450,5"); // the package reads a decimal comma
  assert.equal(readNumber(DANISH_NUMBERS, "2.45"), "2.45");
  assert.equal(readNumber(SWEDISH_NUMBERS, "cheap"), "cheap");
  assert.equal(readNumber(SWEDISH_NUMBERS, ""), "");
});
