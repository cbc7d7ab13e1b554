/* The search page: Pagefind's index, loaded on demand from this site (no other origin). Results update
   as the reader types; the status line gives the true number found, and "Show more" loads the next page
   of them. Each result is labelled with its kind (the data-pagefind-meta "kind" of the explainer, term
   and country templates), and its excerpt starts at a sentence. Without JavaScript the page says where to
   browse instead. */
(function () {
  "use strict";
  var PAGE = 10; /* results loaded at a time: each one is a request for its excerpt */
  var script = document.currentScript;
  var input = document.getElementById("search-query");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var pagefind = null;
  var latest = 0;
  var pending = []; /* the results found and not yet shown */

  function load() {
    if (!pagefind) {
      pagefind = import(script.getAttribute("data-pagefind")).then(function (module) {
        return module.init().then(function () { return module; });
      });
    }
    return pagefind;
  }

  function item(result) {
    var entry = document.createElement("li");
    var kind = document.createElement("span");
    kind.className = "search-kind";
    kind.textContent = (result.meta && result.meta.kind) || "Page";
    var link = document.createElement("a");
    link.href = result.url;
    link.textContent = (result.meta && result.meta.title) || result.url;
    var excerpt = document.createElement("p");
    excerpt.className = "search-excerpt";
    excerpt.append.apply(excerpt, excerptOf(result));
    entry.append(kind, " ", link, excerpt);
    return entry;
  }

  /* The excerpt, as nodes: from the start of the sentence with the first match (Pagefind's own excerpt
     starts mid-sentence), about EXCERPT words, each matching word in <mark>. Built as text nodes, so no
     markup from the index is ever parsed. Pagefind's locations are word positions in its content. */
  var EXCERPT = 30;
  function excerptOf(result) {
    var words = (result.content || "").split(/\s+/).filter(Boolean);
    var hits = result.locations || [];
    var first = hits.length ? Math.min.apply(null, hits) : 0;
    var start = first;
    while (start > 0 && !/[.!?][\u0022\u201d\u2019)]?$/.test(words[start - 1])) { start--; }
    var end = Math.min(words.length, Math.max(start + EXCERPT, first + EXCERPT / 2));
    var nodes = [];
    for (var index = start; index < end; index++) {
      if (index > start) { nodes.push(" "); }
      if (hits.indexOf(index) >= 0) {
        var mark = document.createElement("mark");
        mark.textContent = words[index];
        nodes.push(mark);
      } else {
        nodes.push(words[index]);
      }
    }
    if (end < words.length) { nodes.push(" …"); }
    return nodes;
  }

  function updateMore() {
    more.hidden = pending.length === 0;
    more.textContent = "Show more (" + pending.length + " left)";
  }

  /* Show the next page of results; `ticket` drops the answer when a newer search has started. */
  function showNext(ticket, focusFirst) {
    var next = pending.splice(0, PAGE);
    updateMore();
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (results) {
      if (ticket !== latest) { return; }
      var entries = results.map(item);
      entries.forEach(function (entry) { list.appendChild(entry); });
      if (focusFirst && entries.length) { entries[0].querySelector("a").focus(); }
    });
  }

  function failed() {
    status.textContent = "Search could not load. Every explainer is listed on the home page.";
  }

  function search(query) {
    var ticket = ++latest;
    query = query.trim();
    list.textContent = "";
    pending = [];
    updateMore();
    if (!query) { status.textContent = ""; return; }
    status.textContent = "Searching…";
    load().then(function (module) { return module.search(query); })
      .then(function (found) {
        if (ticket !== latest) { return; }
        var total = found.results.length;
        pending = found.results.slice();
        status.textContent = total
          ? total + (total === 1 ? " result" : " results") + " for “" + query + "”."
          : "Nothing found for “" + query + "”. Try another word, or browse the glossary.";
        return showNext(ticket, false);
      })
      .catch(failed);
  }

  more.addEventListener("click", function () { showNext(latest, true).catch(failed); });
  var initial = new URLSearchParams(window.location.search).get("q") || "";
  input.value = initial;
  if (initial) { search(initial); }
  var timer = null;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { search(input.value); }, 200);
  });
  input.form.addEventListener("submit", function (event) {
    event.preventDefault();
    history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
    search(input.value);
  });
})();
