// Registers the guide's service worker (sw.js at the site's root: frontend/offline/sw.js says what
// it does) and tells it what this reader needs offline. Loaded by every page (overrides/main.html)
// unless the publisher has turned offline use off (content/site.yml `offline: false`).
//
// Every page asks for the theme and all pages of its own language. The calculator's files
// (Pyodide and the snapshot: megabytes) are asked for only when the reader shows an interest:
// on the calculator page once it has answered, or on any page when a link to the calculator is
// pointed at or focused; never to save data (Save-Data, a 2G connection). The worker fetches them
// at low priority. A guidance page by itself fetches nothing of Pyodide.
//
// For the tests: <html data-offline="..."> lists the groups the worker holds for this page.
const root = new URL("../../", import.meta.url);

function savingData() {
  const connection = /** @type {any} */ (navigator).connection;
  return Boolean(connection?.saveData) || /(^|-)2g$/.test(connection?.effectiveType ?? "");
}

async function start() {
  const registration = await navigator.serviceWorker.register(new URL("sw.js", root));
  await navigator.serviceWorker.ready;
  const held = new Set();
  navigator.serviceWorker.addEventListener("message", (event) => {
    if (event.data?.type !== "eg-offline" || !event.data.ok) return;
    event.data.groups.forEach((group) => held.add(group));
    document.documentElement.dataset.offline = [...held].sort().join(" ");
  });
  const asked = new Set();
  const ask = (groups) => {
    const wanted = groups.filter((group) => !asked.has(group));
    if (!wanted.length) return;
    wanted.forEach((group) => asked.add(group));
    // The waiting worker too, if a new release is installed: it takes over with what was asked.
    for (const worker of new Set([registration.active, registration.waiting])) worker?.postMessage({ groups: wanted });
  };
  ask(["shared", `pages:${document.documentElement.lang}`]);

  if (document.getElementById("eg-calculator")) {
    // On the calculator page, after its first answer (or failure): its files come from the HTTP
    // cache then, or are asked again with a cheap "not modified".
    const settled = () => ["true", "failed"].includes(document.documentElement.dataset.calculatorReady ?? "");
    if (settled()) ask(["calculator"]);
    else document.addEventListener("eg-calculator-settled", () => ask(["calculator"]), { once: true });
    return;
  }
  const intent = (event) => {
    const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (!link || savingData()) return;
    const target = new URL(link.getAttribute("href"), document.baseURI);
    if (target.origin === root.origin && target.pathname.startsWith(root.pathname) && target.pathname.endsWith("/calculator/")) {
      ask(["calculator"]);
    }
  };
  document.addEventListener("pointerover", intent, { passive: true });
  document.addEventListener("focusin", intent);
}

if ("serviceWorker" in navigator) {
  // After the page has loaded: registering and filling the cache never compete with the page.
  const go = () => start().catch((error) => console.warn("offline use is not available:", String(error)));
  if (document.readyState === "complete") go();
  else window.addEventListener("load", go, { once: true });
}
