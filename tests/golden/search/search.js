/* Pressroom: starts Pagefind's search interface on the search page. Everything it loads comes from
   this site (pagefind/). Without JavaScript the page still lists the archives. ?q=… searches at once. */
(function () {
  "use strict";
  var element = document.getElementById("search");
  if (!element || typeof PagefindUI === "undefined") {
    return;
  }
  var search = new PagefindUI({
    element: "#search",
    baseUrl: "/",
    bundlePath: "/pagefind/",
    showImages: false,
    showSubResults: false,
    resetStyles: false
  });
  // A visible label for Pagefind's input (it only has a title): the page's <label> names it.
  var input = element.querySelector("input");
  var label = document.getElementById("search-label");
  if (input && label) {
    input.id = "search-input";
    label.htmlFor = "search-input";
    label.hidden = false;  // hidden without JavaScript, where there is no input to name
  }
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) {
    search.triggerSearch(query);
  }
}());
