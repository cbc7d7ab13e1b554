/* Term popovers (pelican-explainer): a progressive enhancement. Without this script every term is a plain
   link to its page. Hover, keyboard focus or a first tap shows the term's summary (the link's data-title and
   data-summary, plain text the plugin wrote) and a link to the full entry; Escape, a tap elsewhere or leaving
   the term closes it. Focus is never moved or trapped. */
(function () {
  "use strict";
  if (!document.querySelector("a.term[data-term]")) { return; }
  var popover = document.createElement("div");
  popover.id = "term-popover";
  popover.className = "term-popover";
  popover.setAttribute("role", "tooltip");
  var words = document.querySelector("[data-explainer-more]"); /* the template's translation, if any */
  if (words) { popover.setAttribute("data-more", words.getAttribute("data-explainer-more")); }
  popover.hidden = true;
  var title = document.createElement("p");
  title.className = "term-popover-title";
  var summary = document.createElement("p");
  summary.id = "term-popover-summary";
  var more = document.createElement("a");
  more.className = "term-popover-more";
  var firstTerm = document.querySelector("a.term[data-term]");
  if (firstTerm) { more.href = firstTerm.href; } /* a real address from the start: never an href-less link */
  popover.append(title, summary, more);
  document.body.appendChild(popover);

  var current = null;
  var hideTimer = null;
  var lastPointer = "mouse";
  var openBeforeTap = false;

  function show(link) {
    var entry = { title: link.getAttribute("data-title"), summary: link.getAttribute("data-summary") };
    if (!entry.summary) { return; }
    clearTimeout(hideTimer);
    if (current && current !== link) { release(current); }
    current = link;
    title.textContent = entry.title;
    summary.textContent = entry.summary;
    more.href = link.href;
    more.textContent = (popover.getAttribute("data-more") || "More about {title}").replace("{title}", entry.title);
    link.setAttribute("aria-describedby", summary.id);
    link.setAttribute("aria-expanded", "true");
    popover.hidden = false;
    place(link);
  }

  function release(link) {
    link.removeAttribute("aria-describedby");
    link.setAttribute("aria-expanded", "false");
  }

  function hide() {
    if (!current) { return; }
    release(current);
    current = null;
    popover.hidden = true;
  }

  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 250);
  }

  /* Below the term, or above it when the viewport has no room; always inside the viewport's width. */
  function place(link) {
    var margin = 8;
    var box = link.getBoundingClientRect();
    var width = Math.min(320, document.documentElement.clientWidth - 2 * margin);
    popover.style.width = width + "px";
    var left = Math.max(margin, Math.min(box.left, document.documentElement.clientWidth - width - margin));
    var top = box.bottom + 6;
    if (top + popover.offsetHeight > window.innerHeight && box.top > popover.offsetHeight + 6) {
      top = box.top - popover.offsetHeight - 6;
    }
    popover.style.left = (left + window.scrollX) + "px";
    popover.style.top = (top + window.scrollY) + "px";
  }

  var links = document.querySelectorAll("a.term[data-term]");
  Array.prototype.forEach.call(links, function (link) {
    link.setAttribute("aria-expanded", "false");
    link.addEventListener("mouseenter", function () { show(link); });
    link.addEventListener("mouseleave", hideSoon);
    link.addEventListener("focus", function () { show(link); });
    link.addEventListener("blur", function (event) {
      if (!popover.contains(event.relatedTarget)) { hideSoon(); }
    });
    link.addEventListener("pointerdown", function (event) {
      lastPointer = event.pointerType;
      openBeforeTap = current === link && !popover.hidden;
    });
    link.addEventListener("click", function (event) {
      /* On a touch screen the first tap explains (the tap's focus may already have opened it);
         a second tap on the term, or the link inside the popover, navigates. */
      if (lastPointer === "touch" && !openBeforeTap) {
        event.preventDefault();
        show(link);
      }
      lastPointer = "keyboard"; /* a later Enter key is not a tap */
    });
  });
  popover.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
  popover.addEventListener("mouseleave", hideSoon);
  popover.addEventListener("focusout", function (event) {
    if (!popover.contains(event.relatedTarget) && event.relatedTarget !== current) { hideSoon(); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && current) {
      var link = current;
      var focusWasInside = popover.contains(document.activeElement);
      hide();
      if (focusWasInside) { link.focus({ preventScroll: true }); hide(); }
    }
  });
  document.addEventListener("pointerdown", function (event) {
    if (current && !popover.contains(event.target) && !event.target.closest("a.term")) { hide(); }
  });
  window.addEventListener("resize", function () { if (current) { place(current); } });
})();
