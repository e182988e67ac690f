// Material's own script (search, the header, the navigation's scroll spy), on the calculator page
// only once the calculator has answered. Loaded at once, its start-up takes the main thread for
// 150–250 ms (evaluating the bundle, laying out the page for it, building the search index in a
// worker) while Python starts: the answer comes later and the page stutters meanwhile
// (`make bench`). Everything it adds is an enhancement; the page works without it until then.
//
// page.js sends "eg-calculator-settled" when the first answer is on the screen, or the calculator
// is ready with nothing to answer, or has failed (this module runs before page.js, so it is always
// listening by then); without it, the theme loads anyway after a few seconds. The bundle listens
// for DOMContentLoaded, long past by then: it is told again.
const script = document.getElementById("eg-theme-later");
const LATEST_MS = 4000;
let loaded = false;

function load() {
  if (loaded) return;
  loaded = true;
  // After the next frame: the answer is painted before the theme's work starts.
  requestAnimationFrame(() => setTimeout(() => {
    const bundle = document.createElement("script");
    bundle.src = script.dataset.bundle;
    // Its start-up in a task of its own: run in the load event, it would make one long task
    // with evaluating the bundle.
    bundle.addEventListener("load", () => setTimeout(() => document.dispatchEvent(new Event("DOMContentLoaded")), 0));
    document.body.append(bundle);
  }, 0));
}

document.addEventListener("eg-calculator-settled", load, { once: true });
setTimeout(load, LATEST_MS);
