// hrdmap web: progressive enhancement only; every page works without it. No inline script anywhere (CSP).
// The review queue: j / k move between items, a accepts, r rejects, c focuses the "change to" field.
(function () {
  "use strict";
  var items = Array.prototype.slice.call(document.querySelectorAll(".queue li"));
  if (!items.length) { return; }
  var at = 0;
  function show(i) {
    items.forEach(function (li, n) { li.classList.toggle("current", n === i); });
    items[i].scrollIntoView({ block: "nearest" });
    at = i;
  }
  function press(decision) {
    var button = items[at].querySelector('button[value="' + decision + '"]');
    if (button) { button.click(); }
  }
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT")) { return; }
    if (event.key === "j") { show(Math.min(at + 1, items.length - 1)); }
    else if (event.key === "k") { show(Math.max(at - 1, 0)); }
    else if (event.key === "a") { press("accept"); }
    else if (event.key === "r") { press("reject"); }
    else if (event.key === "c") { var field = items[at].querySelector('input[name="label"]'); if (field) { event.preventDefault(); field.focus(); } }
  });
  show(0);
})();
