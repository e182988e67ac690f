// Pure functions that write numbers and dates as the build writes them (exchange_guide/render/
// localise.py), from data the build puts in the page: no browser locale data is used, because
// browsers lack some of the site's languages (Chromium has no Icelandic dates) and differ in their
// CLDR versions. Tested under Node (frontend/tests/format.test.mjs) and, against Babel, in the browser.

/**
 * A date in CLDR's long form for the page's locale ("2 May 2023", "2. toukokuuta 2023").
 * @param {{pattern: string, months: string[]}} dateFormat CLDR's long date pattern and the month
 *   names in their format forms, January first (Babel's, written into the page by the build).
 * @param {string} iso a date written YYYY-MM-DD
 * @returns {string}
 */
export function formatDate(dateFormat, iso) {
  const [year, month, day] = iso.split("-").map(Number);
  const fields = {
    d: (n) => (n === 2 ? String(day).padStart(2, "0") : String(day)),
    M: (n) => (n >= 4 ? dateFormat.months[month - 1] : String(month).padStart(n, "0")),
    y: (n) => (n === 2 ? String(year % 100).padStart(2, "0") : String(year).padStart(n, "0")),
  };
  // A CLDR pattern: runs of one letter are fields, text in single quotes is literal ('' is a quote).
  return dateFormat.pattern.replace(/'((?:[^']|'')*)'|([A-Za-z])\2*/g, (run, quoted, letter) => {
    if (quoted !== undefined) return quoted === "" ? "'" : quoted.replaceAll("''", "'");
    if (!(letter in fields)) throw new Error(`date pattern ${dateFormat.pattern}: no field ${letter}`);
    return fields[letter](run.length);
  });
}
