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

// --- Reading what a reader types: forgiving, in the page's own conventions -----------------------

/**
 * A date as typed into the form, in the order the page's language writes a date in short (CLDR's
 * short pattern: "y-MM-dd" in Swedish, "d.M.y" in Finnish), read into "year-month-day" for the
 * calculators package, which says what is wrong with it (a part missing, no such day, a year out of
 * range). Any characters may separate the numbers ("2.3.2026", "2 3 2026", "2/3/2026"); a year
 * written first is always read year-month-day (2026-03-02, as a shared link writes it); eight
 * digits alone are a date without separators; a month may be written as the page writes it
 * ("2 mars 2026", also "2 mar 2026"). Anything else is passed on as typed (the package: bad_date).
 * @param {{short: string, months: string[]}} dateFormat the page's CLDR patterns and month names
 * @param {string} text what the reader typed
 * @returns {string} "" when nothing was typed
 */
export function readDate(dateFormat, text) {
  const typed = text.trim();
  if (!typed) return "";
  const tokens = typed.toLocaleLowerCase().match(/\d+|\p{L}+/gu) || [];
  const words = tokens.filter((token) => !/^\d+$/.test(token));
  let numbers = tokens.filter((token) => /^\d+$/.test(token));
  if (words.length > 1) return typed;
  if (words.length === 1) {
    // "2 mars 2026": a day and a year around the month's name, the year the longer number.
    const month = monthNamed(dateFormat.months, words[0]);
    if (!month || numbers.length > 2) return typed;
    const year = numbers.find((number) => number.length > 2) ?? "";
    const day = numbers.find((number) => number !== year) ?? "";
    return isoLike(year, String(month), day);
  }
  const order = shortOrder(dateFormat.short);
  if (numbers.length === 1 && numbers[0].length === 8) {
    const digits = numbers[0]; // no separators: 20260302 in Swedish, 02032026 in Finnish
    numbers = order[0] === "y"
      ? [digits.slice(0, 4), digits.slice(4, 6), digits.slice(6)]
      : [digits.slice(0, 2), digits.slice(2, 4), digits.slice(4)];
  }
  if (numbers.length > 3) return typed;
  const parts = { y: "", M: "", d: "" };
  [...orderOf(order, numbers)].forEach((field, i) => (parts[field] = numbers[i] ?? ""));
  return isoLike(parts.y, parts.M, parts.d);
}

/** "2026-03-02" from its parts, a month or day of one digit with a 0 before it (a part missing stays empty). */
function isoLike(year, month, day) {
  const two = (part) => (part.length === 1 ? `0${part}` : part);
  return `${year}-${two(month)}-${two(day)}`;
}

/** The order to read three numbers in: a year (more than two digits) first is year-month-day; a
 * year last, where the language writes the year first, is that order turned round (2.3.2026 in
 * Swedish is 2 March); otherwise the language's. */
function orderOf(order, numbers) {
  if (numbers.length === 3 && numbers[0].length > 2) return "yMd";
  if (numbers.length === 3 && numbers[2].length > 2 && order[0] === "y") return [...order].reverse().join("");
  return order;
}

/** The order of day, month and year in a CLDR pattern: "yMd" for "y-MM-dd", "dMy" for "d.M.y". */
function shortOrder(pattern) {
  const letters = pattern.replace(/'[^']*'/g, "").match(/[dMy]/g) || [];
  return [...new Set(letters)].join("");
}

/** The number (1-12) of a month's name as the page writes it, or of a word of three letters or
 * more that only one month's name starts with; 0 for any other word. */
function monthNamed(months, word) {
  const names = months.map((name) => name.toLocaleLowerCase());
  const exact = names.indexOf(word);
  if (exact >= 0) return exact + 1;
  const starting = word.length >= 3 ? names.flatMap((name, i) => (name.startsWith(word) ? [i + 1] : [])) : [];
  return starting.length === 1 ? starting[0] : 0;
}

/**
 * A number as typed, with the page's own separators ("2 450" and "2 450,50" in Swedish, "2,450.50"
 * in English, "2.450" in Danish), read into digits and a decimal point ("2450.50"), as a shared
 * link writes it. Spaces go; the page's thousands separator goes where it separates groups of three
 * digits; the page's decimal separator becomes a point. Anything else is passed on as typed (the
 * calculators package reads a decimal comma too, and names what it cannot read).
 * @param {{thousands_separator: string, decimal_separator: string}} formats the page's (site.yml)
 * @param {string} text
 * @returns {string}
 */
export function readNumber(formats, text) {
  let number = text.trim().replace(/[\s\u00a0\u202f]/g, "");
  const group = formats.thousands_separator.trim();
  const decimal = formats.decimal_separator;
  const escape = (character) => character.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  if (group && group !== decimal) {
    const grouped = new RegExp(`^[+-]?\\d{1,3}(${escape(group)}\\d{3})+(${escape(decimal)}\\d+)?$`);
    if (grouped.test(number)) number = number.split(group).join("");
  }
  return new RegExp(`^[+-]?\\d+${escape(decimal)}\\d+$`).test(number) ? number.replace(decimal, ".") : number;
}
