// Material for MkDocs' script after the page content, from a file instead of an inline <script>
// (Content-Security-Policy without 'unsafe-inline'; see overrides/partials/javascripts/content.html).
// Same code as Material 9.8's partials/javascripts/content.html: a link to a content tab's
// anchor opens that tab. (The `content.tabs.link` feature's part is left out: not used here.)
var target = document.getElementById(location.hash.slice(1));
target && target.name && (target.checked = target.name.startsWith("__tabbed_"));
