// The honest wait. While Python downloads and starts, the form's status line says how far it is,
// with real figures ("Loading the calculator: 2.1 of 5.4 MB", counted by the worker), then
// "Almost ready" once everything is in and Python is starting. A press of "Calculate" meanwhile
// is acknowledged on the same line; the worker keeps the request and answers it once ready.
//
// The line is the form's status (role="status"): screen readers announce it politely. So that
// they do not read out every tenth of a megabyte, the figures move in tenths of the whole and
// at most once a second; the first figures, "Almost ready" and the acknowledgement come at once.
const STEPS = 10;
const PAUSE_MS = 1000;

/** `status`: the status element; `texts`: the page's progress texts (content/calculator.yml);
 * `formatNumber`: the page's number format (2.1 is "2,1" in Swedish). */
export function loadingLine(status, texts, formatNumber) {
  let step = -1;
  let changed = 0;
  let line = "";
  let queued = false;
  const loading = () => !document.documentElement.dataset.calculatorReady;
  const megabytes = (bytes) => formatNumber((bytes / 1e6).toFixed(1));
  const show = () => {
    status.textContent = queued ? `${line} ${texts.queued}`.trim() : line;
    changed = performance.now();
  };
  return {
    /** A progress message from the worker: {done, total} in bytes. */
    progress({ done, total }) {
      if (!loading() || !total) return;
      if (done >= total) {
        if (step === STEPS) return;
        step = STEPS;
        line = texts.almost_ready;
        show();
        return;
      }
      const now = Math.floor((done / total) * STEPS);
      if (now === step || (step >= 0 && performance.now() - changed < PAUSE_MS)) return;
      step = now;
      line = texts.progress.replace("{done}", megabytes(done)).replace("{total}", megabytes(total));
      show();
    },
    /** "Calculate" was pressed: say that the answer will come (once). */
    queue() {
      if (!loading() || queued) return;
      queued = true;
      line ||= status.textContent;
      show();
    },
  };
}
