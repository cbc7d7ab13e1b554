/* Popovers (pelican-explainer): a progressive enhancement. Without this script a term is a plain link to its
   page and a footnote number a plain link to its note. Hover, keyboard focus or a first tap shows, in place,
   the term's summary (the link's data-title and data-summary, plain text the plugin wrote) or the source's
   publication, headline and date (read from the note the number points to), with a link onward.
   A mouse opens it after a short intent delay, so a pointer sweeping across the text opens nothing, and it
   closes once the pointer has left both the trigger and the popover for a grace period, so a card never
   stays over the text the reader went on to. As WCAG 1.4.13 asks, it is hoverable (the grace period lets
   the pointer cross onto it), persistent (it stays while hovered or focused) and dismissible (Escape, a
   click or tap elsewhere). Each term and footnote is one Tab stop: the trigger itself leads where the
   popover's link does (a term's page) or to the note that holds it (a footnote), so the popover's link is
   for pointers and taps only. The popover sits right after its trigger, so a screen reader meets it there.
   Focus is never moved or trapped. */
(function () {
  "use strict";
  var TRIGGERS = "a.term[data-term], a.footnote-ref";
  var OPEN_DELAY = 300; /* ms a mouse rests on a trigger before it opens: intent, not a sweep */
  var CLOSE_DELAY = 400; /* ms after the pointer left the trigger and the popover: time to cross the gap */
  var script = document.querySelector("[data-explainer-more]"); /* the template's translations, if any */

  function words(attribute, english) {
    return (script && script.getAttribute(attribute)) || english;
  }

  /* What a trigger shows ({title, summary, href, more}), or null when it has nothing to preview. */
  function entryOf(link) {
    if (link.classList.contains("footnote-ref")) {
      var note = document.getElementById(decodeURIComponent(link.hash.slice(1)));
      var headline = note && note.querySelector("a.source-headline");
      if (!headline) { return null; } /* a note left as written: the number just leads to it */
      var publication = note.querySelector(".source-publication");
      var date = note.querySelector(".source-date");
      return { title: publication ? publication.textContent : "",
               summary: headline.textContent + (date ? ", " + date.textContent : ""),
               href: headline.href, more: words("data-explainer-original", "Open the original") };
    }
    var name = link.getAttribute("data-title");
    if (!link.getAttribute("data-summary")) { return null; }
    return { title: name, summary: link.getAttribute("data-summary"), href: link.href,
             more: words("data-explainer-more", "More about {title}").replace("{title}", name) };
  }

  var triggers = Array.prototype.filter.call(document.querySelectorAll(TRIGGERS), entryOf);
  if (!triggers.length) { return; }
  var popover = document.createElement("div");
  popover.id = "term-popover";
  popover.className = "term-popover";
  popover.setAttribute("role", "tooltip");
  popover.tabIndex = -1; /* a click on its text keeps it open (focus stays inside); never a Tab stop */
  popover.hidden = true;
  var title = document.createElement("p");
  title.className = "term-popover-title";
  var summary = document.createElement("p");
  summary.id = "term-popover-summary";
  var more = document.createElement("a");
  more.className = "term-popover-more";
  more.tabIndex = -1; /* one Tab stop per trigger: the trigger itself leads on (see above) */
  more.href = entryOf(triggers[0]).href; /* a real address from the start: never an href-less link */
  popover.append(title, summary, more);
  document.body.appendChild(popover);

  var current = null;
  var lastPointer = "mouse";
  var openBeforeTap = false;
  var opening = null; /* the timer of a mouse's intent to open */
  var closing = null; /* the timer of the grace period after the pointer left */

  function later(timer, delay, action) {
    clearTimeout(timer);
    return delay === null ? null : setTimeout(action, delay);
  }

  /* Closes, after the grace period, unless the pointer came back or focus holds it open. */
  function closeSoon() {
    closing = later(closing, CLOSE_DELAY, function () {
      var held = current && (current.matches(":hover") || popover.matches(":hover") ||
        document.activeElement === current || popover.contains(document.activeElement));
      if (!held) { hide(); }
    });
  }

  function show(link) {
    var entry = entryOf(link);
    if (!entry) { return; }
    if (current && current !== link) { current.removeAttribute("aria-describedby"); }
    current = link;
    title.textContent = entry.title;
    summary.textContent = entry.summary;
    more.href = entry.href;
    more.textContent = entry.more;
    link.setAttribute("aria-describedby", summary.id);
    /* Right after the trigger (after a number's <sup>, so its words are not superscript): the next Tab stop. */
    var before = link.parentNode.tagName === "SUP" ? link.parentNode : link;
    if (before.nextSibling !== popover) { before.after(popover); }
    popover.hidden = false;
    place(link);
  }

  function hide() {
    opening = later(opening, null);
    closing = later(closing, null);
    if (!current) { return; }
    current.removeAttribute("aria-describedby");
    current = null;
    popover.hidden = true;
  }

  /* Below the trigger, or above it when the viewport has no room; always inside the viewport's width. */
  function place(link) {
    var margin = 8;
    var viewport = document.documentElement.clientWidth;
    var box = link.getBoundingClientRect();
    var width = Math.min(320, viewport - 2 * margin);
    popover.style.width = width + "px";
    var left = Math.max(margin, Math.min(box.left, viewport - width - margin));
    var top = box.bottom + 6;
    if (top + popover.offsetHeight > window.innerHeight && box.top > popover.offsetHeight + 6) {
      top = box.top - popover.offsetHeight - 6;
    }
    /* Coordinates are the containing block's: the page, or the nearest positioned ancestor. */
    var parent = popover.offsetParent;
    var origin = { left: -window.scrollX, top: -window.scrollY };
    if (parent && !(parent === document.body && getComputedStyle(parent).position === "static")) {
      var frame = parent.getBoundingClientRect();
      origin = { left: frame.left + parent.clientLeft - parent.scrollLeft, top: frame.top + parent.clientTop - parent.scrollTop };
    }
    popover.style.left = (left - origin.left) + "px";
    popover.style.top = (top - origin.top) + "px";
  }

  triggers.forEach(function (link) {
    link.addEventListener("pointerenter", function (event) {
      if (event.pointerType !== "mouse") { return; } /* a tap opens on click */
      closing = later(closing, null);
      opening = later(opening, current === link ? 0 : OPEN_DELAY, function () { show(link); });
    });
    link.addEventListener("pointerleave", function (event) {
      if (event.pointerType !== "mouse") { return; }
      opening = later(opening, null);
      if (current) { closeSoon(); }
    });
    link.addEventListener("focus", function () { show(link); });
    link.addEventListener("blur", function (event) {
      if (current === link && !popover.contains(event.relatedTarget)) { hide(); }
    });
    link.addEventListener("pointerdown", function (event) {
      lastPointer = event.pointerType;
      openBeforeTap = current === link && !popover.hidden;
    });
    link.addEventListener("click", function (event) {
      /* On a touch screen the first tap explains (the tap's focus may already have opened it);
         a second tap on the trigger, or the link inside the popover, navigates. */
      if (lastPointer === "touch" && !openBeforeTap) {
        event.preventDefault();
        show(link);
      }
      lastPointer = "keyboard"; /* a later Enter key is not a tap */
    });
  });
  popover.addEventListener("pointerenter", function () { closing = later(closing, null); });
  popover.addEventListener("pointerleave", function (event) {
    if (event.pointerType === "mouse") { closeSoon(); }
  });
  popover.addEventListener("focusout", function (event) {
    if (!popover.contains(event.relatedTarget) && event.relatedTarget !== current) { hide(); }
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
    if (current && !popover.contains(event.target) && !event.target.closest(TRIGGERS)) { hide(); }
  });
  window.addEventListener("resize", function () { if (current) { place(current); } });
})();
