/* The search page: Pagefind's index, loaded on demand from this site (no other origin). Results update
   as the reader types; the status line announces how many were found. Without JavaScript the page says
   where to browse instead. */
(function () {
  "use strict";
  var script = document.currentScript;
  var input = document.getElementById("search-query");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var pagefind = null;
  var latest = 0;

  function load() {
    if (!pagefind) {
      pagefind = import(script.getAttribute("data-pagefind")).then(function (module) {
        return module.init().then(function () { return module; });
      });
    }
    return pagefind;
  }

  function render(results, query) {
    list.textContent = "";
    results.forEach(function (result) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = result.url;
      link.textContent = (result.meta && result.meta.title) || result.url;
      var excerpt = document.createElement("p");
      excerpt.innerHTML = result.excerpt; /* Pagefind's own excerpt of our pages, with <mark> around matches */
      item.append(link, excerpt);
      list.appendChild(item);
    });
    status.textContent = results.length
      ? results.length + (results.length === 1 ? " result" : " results") + " for “" + query + "”."
      : "Nothing found for “" + query + "”. Try another word, or browse the glossary.";
  }

  function search(query) {
    var ticket = ++latest;
    query = query.trim();
    if (!query) { list.textContent = ""; status.textContent = ""; return; }
    status.textContent = "Searching…";
    load().then(function (module) { return module.search(query); })
      .then(function (found) { return Promise.all(found.results.slice(0, 12).map(function (r) { return r.data(); })); })
      .then(function (results) { if (ticket === latest) { render(results, query); } })
      .catch(function () { status.textContent = "Search could not load. Every explainer is listed on the home page."; });
  }

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
