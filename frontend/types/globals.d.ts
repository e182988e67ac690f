// What the calculator page's scripts share through `window` (tsconfig.json; not shipped).

/** A message from the calculator's worker (worker.mjs): ready, failed, progress or an answer,
 * with its details as the worker sends them (JSON from calculators.json_api for an answer). */
interface CalculatorMessage {
  type: string;
  [detail: string]: any;
}

interface Window {
  /** Set by start.js, first thing in the page: the calculator's worker, and how page.js listens to it. */
  egCalculatorStart: {
    worker: Worker;
    listen(handler: (message: CalculatorMessage) => void): void;
  };
}
