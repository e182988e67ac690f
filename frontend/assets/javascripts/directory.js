// The host agency directory: filter by free text, area and country, as you type.
// Progressive enhancement: the page is complete without this script, which only hides what does
// not match. The filter lives in the query string (?text=…&area=…&country=…), so a filtered view
// can be bookmarked, shared and reloaded (not ?q=…: Material's search opens itself on that).
// Every word shown comes from the page (its JSON block). An ES module, like the calculator's
// script: strict, deferred, and its names stay its own.

/** Every element the selector finds in `root`, as HTML elements (the page's markup: templates/directory/).
 * @param {string} selector
 * @param {ParentNode} [root] */
const all = (selector, root = document) => /** @type {HTMLElement[]} */ (Array.from(root.querySelectorAll(selector)));

function enhance() {
  const form = /** @type {HTMLFormElement | null} */ (document.getElementById("eg-dir-filter"));
  const dataBlock = document.getElementById("eg-dir-data");
  const status = document.getElementById("eg-dir-status");
  if (!form || !dataBlock || !status) return;
  const words = JSON.parse(dataBlock.textContent);
  const field = (name) => /** @type {HTMLInputElement & HTMLSelectElement} */ (form.elements.namedItem(name));
  const fields = { text: field("text"), area: field("area"), country: field("country") };
  const agencies = all("li.eg-dir-agency");
  const rows = all(".eg-dir-table tbody tr[data-area]");
  const tables = all(".eg-dir-block");
  const lists = all("ul.eg-dir-agencies");
  const notes = all("p.eg-dir-handled-list"); // "handled by the state: …"
  const countries = Array.from(fields.country.options).map((option) => option.value).filter(Boolean);
  const ANNOUNCE_DELAY = 400; // ms: let typing settle before a screen reader hears the count

  // Compare without case or accents, so "forsakring" finds Försäkringskassan.
  const fold = (text) => text.normalize("NFD").replace(/\p{M}/gu, "").toLocaleLowerCase(words.lang);
  const searchText = new Map(agencies.map((li) => [li, fold(li.dataset.search || li.textContent)]));
  const byId = new Map(agencies.map((li) => [li.id, li]));

  function state() {
    return { text: fields.text.value.trim(), area: fields.area.value, country: fields.country.value };
  }

  function matchesText(haystack, terms) {
    return terms.every((term) => haystack.includes(term));
  }

  function apply() {
    const { text, area, country } = state();
    const terms = text ? fold(text).split(/\s+/).filter(Boolean) : [];
    const shown = new Set();
    for (const li of agencies) {
      const ok = (!area || li.dataset.areas.split(" ").includes(area))
        && (!country || li.dataset.country === country)
        && matchesText(searchText.get(li), terms);
      li.hidden = !ok;
      if (ok) shown.add(li);
    }
    // Tables: a row stays when its area is chosen and its name or one of its agencies matches.
    for (const row of rows) {
      const header = fold(row.querySelector("th").textContent);
      let ok = !area || row.dataset.area === area;
      if (ok && terms.length && !matchesText(header, terms)) {
        ok = Array.from(row.querySelectorAll('td a[href^="#agency-"]')).some((link) => {
          const li = byId.get(link.getAttribute("href").slice(1));
          const cell = link.closest("td");
          return li && shown.has(li) && (!country || cell.dataset.country === country);
        });
      }
      row.hidden = !ok;
    }
    for (const table of tables) {
      const codes = table.dataset.countries.split(" ");
      for (const cell of all("[data-country]", table)) {
        cell.hidden = Boolean(country) && cell.dataset.country !== country;
      }
      const anyRow = all("tbody tr", table).some((row) => !row.hidden);
      table.hidden = (Boolean(country) && !codes.includes(country)) || !anyRow;
    }
    // Lists by country: a country's list goes when none of its agencies is left, its note on the
    // areas the state runs there when none of those areas is wanted, its heading with both.
    const filtering = Boolean(text || area || country);
    for (const code of countries) {
      const wanted = !country || code === country;
      const left = agencies.some((li) => li.dataset.country === code && shown.has(li));
      let visible = false;
      for (const list of lists.filter((block) => block.dataset.country === code)) {
        list.hidden = !(wanted && (!filtering || left));
        visible = visible || !list.hidden;
      }
      for (const note of notes.filter((block) => block.dataset.country === code)) {
        note.hidden = !(wanted && (!area || note.dataset.areas.split(" ").includes(area))
          && matchesText(fold(note.textContent), terms));
        visible = visible || !note.hidden;
      }
      const heading = document.getElementById(`country-${code.toLowerCase()}`);
      if (heading) heading.hidden = !visible;
    }
    return shown.size;
  }

  // CLDR's plural category, as Babel chooses at build time: shown_one is the form of the
  // category "one" (Icelandic 1, 21, 31 …), shown_many that of "other".
  const pluralRules = new Intl.PluralRules(words.lang);
  function countText(n) {
    if (n === 0) return words.no_matches;
    return (pluralRules.select(n) === "one" ? words.shown_one : words.shown_many).replace("{n}", String(n));
  }

  function writeUrl() {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(state())) if (value) params.set(key, value);
    const query = params.toString();
    history.replaceState(history.state, "", `${location.pathname}${query ? `?${query}` : ""}${location.hash}`);
  }

  let announceTimer = 0;
  function update(announceNow) {
    const n = apply();
    writeUrl();
    clearTimeout(announceTimer);
    if (announceNow) status.textContent = countText(n);
    else announceTimer = setTimeout(() => { status.textContent = countText(n); }, ANNOUNCE_DELAY);
  }

  function readUrl() {
    const params = new URLSearchParams(location.search);
    fields.text.value = params.get("text") || "";
    for (const key of ["area", "country"]) {
      const value = params.get(key) || "";
      const known = Array.from(fields[key].options).some((option) => option.value === value);
      fields[key].value = known ? value : "";
    }
  }

  form.addEventListener("input", () => update(false));
  form.addEventListener("change", () => update(false));
  form.addEventListener("submit", (event) => { event.preventDefault(); update(true); });
  form.addEventListener("reset", () => setTimeout(() => update(false), 0));

  readUrl();
  form.hidden = false;
  update(true);
}

enhance();
