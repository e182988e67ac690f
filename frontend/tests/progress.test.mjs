// The calculator's progress line (calculator/progress.js) under Node's own test runner, with a
// stand-in for the status element and the page's <html> (its data-calculator-ready).
// In a browser, with the worker's real figures: tests/test_offline.py.
import assert from "node:assert/strict";
import { beforeEach, test } from "node:test";

import { loadingLine } from "../assets/javascripts/calculator/progress.js";

const TEXTS = { progress: "Loading: {done} of {total} MB.", almost_ready: "Almost ready.", queued: "Answer soon." };
const commaNumber = (text) => text.replace(".", ",");
let status;

beforeEach(() => {
  globalThis.document = { documentElement: { dataset: {} } };
  status = { textContent: "The calculator is loading." };
});

test("the first figures show at once, in the page's number format", () => {
  const line = loadingLine(status, TEXTS, commaNumber);
  line.progress({ done: 100_000, total: 5_400_000 });
  assert.equal(status.textContent, "Loading: 0,1 of 5,4 MB.");
});

test("the figures move in tenths of the whole, not with every chunk", () => {
  const line = loadingLine(status, TEXTS, commaNumber);
  line.progress({ done: 100_000, total: 5_400_000 });
  line.progress({ done: 200_000, total: 5_400_000 }); // the same tenth
  assert.equal(status.textContent, "Loading: 0,1 of 5,4 MB.");
  line.progress({ done: 3_000_000, total: 5_400_000 }); // another tenth, but within a second
  assert.equal(status.textContent, "Loading: 0,1 of 5,4 MB.");
});

test("everything in: almost ready, at once", () => {
  const line = loadingLine(status, TEXTS, commaNumber);
  line.progress({ done: 100_000, total: 5_400_000 });
  line.progress({ done: 5_400_000, total: 5_400_000 });
  assert.equal(status.textContent, "Almost ready.");
});

test("a press while loading is acknowledged on the same line, and stays with the figures", () => {
  const line = loadingLine(status, TEXTS, commaNumber);
  line.progress({ done: 100_000, total: 5_400_000 });
  line.queue();
  assert.equal(status.textContent, "Loading: 0,1 of 5,4 MB. Answer soon.");
  line.progress({ done: 5_400_000, total: 5_400_000 });
  assert.equal(status.textContent, "Almost ready. Answer soon.");
});

test("a press before any figures keeps the loading text", () => {
  loadingLine(status, TEXTS, commaNumber).queue();
  assert.equal(status.textContent, "The calculator is loading. Answer soon.");
});

test("once the calculator is ready, the line is the page's again", () => {
  const line = loadingLine(status, TEXTS, commaNumber);
  globalThis.document.documentElement.dataset.calculatorReady = "true";
  status.textContent = "";
  line.progress({ done: 100_000, total: 5_400_000 });
  line.queue();
  assert.equal(status.textContent, "");
});
