/* Lexsite: back.js. A way back from a law to the page that cited it.
 *
 * A citation leads deep into a statute page (#art-48-p2); the reader then
 * wants the guide or step they came from. Each article's "Cited in" list
 * names those pages without any script. This file adds one thing: when
 * the page was opened from another page of the same site, it shows a
 * "Back" link that returns there the way the browser's Back button does,
 * keeping the place the reader had reached. Without the script, or when
 * the reader came from elsewhere, the link stays hidden.
 *
 * Plain ES5 and DOM level 2 so that old phone browsers run it too; no
 * inline code, so a strict Content-Security-Policy holds.
 */
(function () {
  "use strict";

  var box = document.querySelector("[data-cited-back]");
  var ref = document.referrer;
  if (!box || !ref) {
    return;
  }
  var from = document.createElement("a");
  from.href = ref;
  var here = window.location;
  // Only a page of this site: same origin, and not this page itself
  // (a link within the page does not change the referrer).
  if (from.protocol !== here.protocol || from.host !== here.host || from.pathname === here.pathname) {
    return;
  }
  var link = box.querySelector("a");
  if (!link) {
    return;
  }
  link.href = ref;
  link.addEventListener("click", function (e) {
    // history.back() returns to the reader's place on the citing page;
    // the plain link is the fallback when there is no history to go back
    // to (a page opened in a new tab).
    if (window.history.length > 1) {
      e.preventDefault();
      window.history.back();
    }
  });
  box.hidden = false;
}());
