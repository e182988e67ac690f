// Material for MkDocs' start-up helpers, from a file instead of an inline <script>, so pages run
// under a Content-Security-Policy without 'unsafe-inline' (see exchange_guide/publish/nginx.conf
// and overrides/partials/javascripts/base.html). Same code as Material 9.8's
// partials/javascripts/base.html, except how the site's root is found.
//
// __md_scope is the site's root URL (Material keys what it keeps in localStorage by it). This
// file is <root>/assets/javascripts/md-scope.js, so the root is two folders up from the script's
// own address: right at "/", under a sub-path and on every language's pages alike.
var __md_scope = new URL("../../", document.currentScript.src),
  __md_hash = (e) => [...e].reduce((e, _) => (e << 5) - e + _.charCodeAt(0), 0),
  __md_get = (e, _ = localStorage, t = __md_scope) => JSON.parse(_.getItem(t.pathname + "." + e)),
  __md_set = (e, _, t = localStorage, a = __md_scope) => {
    try {
      t.setItem(a.pathname + "." + e, JSON.stringify(_));
    } catch {
      // storage full or refused (private browsing): Material goes on without it
    }
  };
