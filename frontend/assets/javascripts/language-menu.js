// The language menu in the header (overrides/partials/alternate.html). Material opens it whenever
// anything in it has focus, so a keyboard user tabs through all six languages on every page before
// reaching the page; here its button opens and closes it (a disclosure: aria-expanded), Escape and
// leaving it close it, and the pointer still opens it on hover (guide.css).
//
// Each language's link is the same page in that language. It carries this page's query and anchor
// when followed, so the reader lands on the same thing: the calculator's answers (?home=…), the
// directory's filter (?area=…), a question of the FAQ (#…). Query and anchor change while the page
// is open (the calculator and the filter write them), so they are added when a link is used.
// Without this script the menu works as Material made it.

function enhance() {
  const menu = /** @type {HTMLElement | null} */ (document.querySelector(".md-select"));
  const button = menu?.querySelector("button");
  const list = menu?.querySelector(".md-select__inner");
  if (!menu || !button || !list) return;
  const links = /** @type {HTMLAnchorElement[]} */ ([...menu.querySelectorAll("a.md-select__link")]);
  for (const link of links) link.dataset.page = link.getAttribute("href");

  const setOpen = (open) => {
    menu.dataset.egMenu = open ? "open" : "closed";
    button.setAttribute("aria-expanded", String(open));
  };
  button.setAttribute("aria-controls", list.id);
  setOpen(false);
  button.addEventListener("click", () => setOpen(menu.dataset.egMenu !== "open"));
  menu.addEventListener("keydown", (/** @type {KeyboardEvent} */ event) => {
    if (event.key !== "Escape" || menu.dataset.egMenu !== "open") return;
    setOpen(false);
    button.focus();
  });
  menu.addEventListener("focusout", (/** @type {FocusEvent} */ event) => {
    if (!menu.contains(/** @type {Node | null} */ (event.relatedTarget))) setOpen(false);
  });

  const carry = (/** @type {HTMLAnchorElement} */ link) => {
    link.setAttribute("href", `${link.dataset.page}${location.search}${location.hash}`);
  };
  for (const link of links) {
    for (const type of ["pointerdown", "focus", "click"]) link.addEventListener(type, () => carry(link));
  }
}

enhance();
