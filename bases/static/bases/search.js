// Progressive enhancement of the search page (/recherche/): it works as a
// plain GET form; with JavaScript, titles are suggested as you type (a
// datalist fed by the suggest endpoint) and facets and sort apply on change.
(function () {
  "use strict";
  var form = document.getElementById("formulaire-recherche");
  if (!form) { return; }
  var input = document.getElementById("champ-recherche");
  var list = document.getElementById("suggestions-recherche");
  var suggestUrl = form.getAttribute("data-suggest-url");
  var timer = null;
  var lastAsked = "";

  function showSuggestions(suggestions) {
    list.textContent = "";
    suggestions.forEach(function (title) {
      var option = document.createElement("option");
      option.value = title;
      list.appendChild(option);
    });
  }

  function askSuggestions() {
    var text = input.value.trim();
    if (text.length < 2 || text === lastAsked) { return; }
    lastAsked = text;
    fetch(suggestUrl + "?limit=8&q=" + encodeURIComponent(text), { headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
      .then(function (data) { if (input.value.trim() === text) { showSuggestions(data.suggestions || []); } })
      .catch(function () { /* suggestions are a comfort: the form still works */ });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(askSuggestions, 150);
  });

  // A changed facet or sort starts the search again from its first page.
  form.addEventListener("change", function (event) {
    var target = event.target;
    if (target.type === "checkbox" || target.name === "sort") {
      form.requestSubmit ? form.requestSubmit() : form.submit();
    }
  });
  var apply = document.getElementById("appliquer-filtres");
  if (apply) { apply.classList.add("fr-hidden"); }
})();
