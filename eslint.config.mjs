// ESLint for the front end (frontend/) and the Node scripts of the tests: the recommended rules.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["node_modules/", "site/", "build/", ".venv/"] },
  js.configs.recommended,
  {
    files: ["frontend/assets/javascripts/**/*.{js,mjs}"],
    languageOptions: { ecmaVersion: 2024, sourceType: "module", globals: { ...globals.browser } },
  },
  {
    // Classic scripts, not modules: run before anything else in the page (start.js), or Material's
    // start-up helpers, which must be globals because Material's bundle calls them (md-scope.js).
    files: ["frontend/assets/javascripts/calculator/start.js", "frontend/assets/javascripts/md-*.js"],
    languageOptions: { sourceType: "script" },
  },
  {
    files: ["frontend/assets/javascripts/md-scope.js"],
    rules: { "no-unused-vars": ["error", { varsIgnorePattern: "^__md_" }] },
  },
  {
    files: ["frontend/assets/javascripts/calculator/worker.mjs"],
    languageOptions: { globals: { ...globals.worker } },
  },
  {
    // The service worker and its kill switch (written into the site's root by the build).
    files: ["frontend/offline/*.js"],
    languageOptions: { ecmaVersion: 2024, sourceType: "script", globals: { ...globals.serviceworker } },
  },
  {
    files: ["frontend/tools/**/*.mjs", "frontend/tests/**/*.mjs", "tests/pyodide/**/*.mjs", "tests/browsers/**/*.mjs"],
    languageOptions: { ecmaVersion: 2024, sourceType: "module", globals: { ...globals.node } },
  },
];
