"""The calculator's Python for the browser: Pyodide's files and the start-up snapshot (assets.py),
made with Node.js by frontend/tools/make-snapshot.mjs."""
