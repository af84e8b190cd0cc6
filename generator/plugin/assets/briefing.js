/* Citations show their passage where the reader is.
 *
 * A citation ([3]) is a link to the fact's row on the Sources page, and its title holds the
 * passage ("According to ...: “...”"). A title shows only on hover, which touch screens do
 * not have, and a click leaves the page. So a tap or click on a citation opens a small
 * panel under it with the passage and a link to the source; Escape, a tap elsewhere or a
 * second tap on the same citation closes it. Ctrl-, Cmd-, Shift- and middle clicks still
 * open the link as links do, and without this script a citation is the plain link it was.
 *
 * The passage is set as text (textContent), never as HTML: a quote holding markup shows
 * as the characters it is. One listener on the document serves every citation.
 */
(function () {
  "use strict";

  var panel = null;
  var opener = null;

  function close(returnFocus) {
    if (!panel) return;
    panel.remove();
    panel = null;
    if (opener) {
      opener.setAttribute("aria-expanded", "false");
      if (returnFocus) opener.focus();
    }
    opener = null;
  }

  function place(cite) {
    var box = cite.getBoundingClientRect();
    var margin = 8;
    var width = Math.min(panel.offsetWidth, document.documentElement.clientWidth - 2 * margin);
    var left = Math.max(margin, Math.min(box.left, document.documentElement.clientWidth - width - margin));
    panel.style.left = left + window.scrollX + "px";
    panel.style.top = box.bottom + window.scrollY + 4 + "px";
  }

  function open(cite) {
    var passage = cite.getAttribute("data-passage") || cite.getAttribute("title") || "";
    // The title moves to data-passage while the panel shows it: no hover text on top.
    if (cite.hasAttribute("title")) {
      cite.setAttribute("data-passage", passage);
      cite.removeAttribute("title");
    }
    panel = document.createElement("div");
    panel.className = "briefing-passage";
    panel.setAttribute("role", "dialog");
    panel.setAttribute("aria-label", "Source of " + cite.textContent.trim());
    var text = document.createElement("p");
    text.textContent = passage;
    var go = document.createElement("a");
    go.setAttribute("href", cite.getAttribute("href"));
    go.textContent = "Go to the source " + cite.textContent.trim();
    panel.appendChild(text);
    panel.appendChild(go);
    document.body.appendChild(panel);
    place(cite);
    opener = cite;
    cite.setAttribute("aria-expanded", "true");
    go.focus({ preventScroll: true });
  }

  document.addEventListener("click", function (event) {
    var cite = event.target.closest ? event.target.closest("a.cite") : null;
    if (panel && panel.contains(event.target)) return; // its own link navigates
    if (!cite) {
      close(false);
      return;
    }
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    var again = cite === opener;
    close(false);
    if (!again) open(cite);
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && panel) close(true);
  });

  window.addEventListener("resize", function () {
    if (panel && opener) place(opener);
  });
})();
