// Firefox ESR (Debian's firefox-esr) for the Python tests, driven by npm puppeteer-core over
// WebDriver BiDi (no geckodriver, no browser download). tests/engines.py starts this script and
// sends one JSON command a line on standard input; each gets one JSON line back on standard output:
// {"ok": true, "value": ...} or {"ok": false, "error": "..."}.
//
//   {"op": "new"}                       a new tab in a fresh profile (an empty cache); closes the last one
//   {"op": "goto", "url": "..."}        navigates and waits for the load event
//   {"op": "evaluate", "expression": "..."}   the expression's value (JSON) in the page
//   {"op": "click" | "hover", "selector": "..."}   with the mouse, as a reader does
//   {"op": "offline", "value": true}    cuts the tab's network (false: restores it)
import { createInterface } from "node:readline";

import puppeteer from "puppeteer-core";

const browser = await puppeteer.launch({
  browser: "firefox",
  executablePath: process.env.FIREFOX || "/usr/bin/firefox-esr",
  headless: true,
  protocol: "webDriverBiDi",
});
let context = null;
let page = null;

const operations = {
  async new() {
    await context?.close();
    context = await browser.createBrowserContext();
    page = await context.newPage();
    return browser.version();
  },
  goto: ({ url }) => page.goto(url, { waitUntil: "load" }).then(() => null),
  evaluate: ({ expression }) => page.evaluate(expression),
  click: ({ selector }) => page.click(selector).then(() => null),
  hover: ({ selector }) => page.hover(selector).then(() => null),
  offline: ({ value }) => page.setOfflineMode(Boolean(value)).then(() => null),
};

const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  const command = JSON.parse(line);
  let answer;
  try {
    const operation = operations[command.op];
    if (!operation) throw new Error(`unknown command ${command.op}`);
    answer = { ok: true, value: (await operation(command)) ?? null };
  } catch (error) {
    answer = { ok: false, error: String(error?.message ?? error) };
  }
  process.stdout.write(`${JSON.stringify(answer)}\n`);
}
await browser.close();
