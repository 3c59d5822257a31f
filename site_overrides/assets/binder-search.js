/* The site's search, made light and readable (issue 19). Loaded before Material's bundle
   (site_overrides/main.html, block libs), so it can hold back the index:

   1. The search index (1.8 MB per 1,000 files) is loaded on the first search, not with
      every page. Material asks for it at start (over HTTP with an XMLHttpRequest of
      search/search_index.json; from file:// by adding the script search/search_index.js,
      which the offline plugin writes), also for search.highlight. Both are held here until
      the search box is opened or focused, or the page was opened from a hit (?h=...):
      Material's own code then carries on as if the index had just arrived.
   2. A hit shows a short piece of text around the first match (highlighted by Material's
      <mark>), not the section's whole text, and names the indicator it belongs to (the
      navigation's title of that page). No network, no library. */
(function () {
  "use strict";
  var INDEX = /\/search\/search_index\.(json|js)(\?.*)?$/;
  var BEFORE = 24;      // characters kept before the first match
  var SNIPPET = 80;     // characters of a snippet in all
  var wanted = /[?&]h=/.test(location.search);
  var waiting = [];

  function want() {
    if (wanted) return;
    wanted = true;
    waiting.splice(0).forEach(function (go) { go(); });
  }

  // Over HTTP: the request is opened at once, sent when wanted.
  var open = XMLHttpRequest.prototype.open;
  var send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.open = function (method, url) {
    this.binderIndex = INDEX.test(String(url));
    return open.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this, args = arguments;
    if (!request.binderIndex || wanted) return send.apply(request, args);
    waiting.push(function () { send.apply(request, args); });
  };

  // From file://: the index's script is added to the page when wanted.
  var append = Node.prototype.appendChild;
  Node.prototype.appendChild = function (node) {
    if (!wanted && node && node.tagName === "SCRIPT" && INDEX.test(node.src || "")) {
      var parent = this;
      waiting.push(function () { append.call(parent, node); });
      return node;
    }
    return append.call(this, node);
  };

  function isSearch(target) {
    return target && target.matches &&
      (target.matches(".md-search__input") || target.matches("[data-md-toggle=search]"));
  }
  document.addEventListener("focusin", function (event) { if (isSearch(event.target)) want(); }, true);
  document.addEventListener("change", function (event) {
    if (isSearch(event.target) && event.target.checked) want();
  }, true);
  document.addEventListener("input", function (event) { if (isSearch(event.target)) want(); }, true);

  // --- hits: a snippet around the match, and the indicator ----------------------------

  function textPosition(root, offset) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var seen = 0, node, last = null;
    while ((node = walker.nextNode())) {
      last = node;
      if (seen + node.length >= offset) return { node: node, offset: offset - seen };
      seen += node.length;
    }
    return last ? { node: last, offset: last.length } : null;
  }

  function markOffset(teaser, mark) {
    var range = document.createRange();
    range.setStart(teaser, 0);
    range.setEnd(mark, 0);
    return range.toString().length;
  }

  function shorten(teaser) {
    if (teaser.binderShort) return;
    teaser.binderShort = true;
    var text = teaser.textContent;
    if (text.length <= SNIPPET) return;
    var mark = teaser.querySelector("mark");
    var start = mark ? Math.max(0, markOffset(teaser, mark) - BEFORE) : 0;
    var end = Math.min(text.length, start + SNIPPET);
    start = Math.max(0, Math.min(start, end - SNIPPET));
    var from = textPosition(teaser, start), to = textPosition(teaser, end);
    if (!from || !to) return;
    var range = document.createRange();
    range.setStart(from.node, from.offset);
    range.setEnd(to.node, to.offset);
    var piece = range.cloneContents();
    teaser.textContent = "";
    if (start > 0) teaser.appendChild(document.createTextNode("…"));
    teaser.appendChild(piece);
    if (end < text.length) teaser.appendChild(document.createTextNode("…"));
  }

  function withoutHash(url) { return url.split("#")[0].split("?")[0]; }

  var titles = null;
  function indicatorTitles() {
    // Every indicator page's title, as the navigation names it, by its address.
    if (titles) return titles;
    titles = {};
    document.querySelectorAll(".md-nav__link[href]").forEach(function (link) {
      if (/\/indicators\/[^/]+(\.html|\/)$/.test(withoutHash(link.href))) {
        titles[withoutHash(link.href)] = link.textContent.replace(/\s+/g, " ").trim();
      }
    });
    return titles;
  }

  function nameIndicator(article) {
    if (article.querySelector(".binder-search-indicator")) return;
    var link = article.closest("a[href]");
    var title = link && indicatorTitles()[withoutHash(link.href)];
    if (!title) return;
    var label = document.createElement("div");
    label.className = "binder-search-indicator";
    label.textContent = title;
    article.insertBefore(label, article.firstChild);
  }

  // A hit's text is what follows its heading (text and paragraphs, up to the list of
  // missing terms): gathered into one element, then cut down to a snippet.
  var NOT_TEXT = ".binder-search-indicator, .md-search-result__icon, h1, h2, .md-search-result__terms";

  function snippet(article) {
    if (article.querySelector(".binder-search-snippet")) return;
    var holder = document.createElement("div");
    holder.className = "binder-search-snippet";
    Array.prototype.slice.call(article.childNodes).forEach(function (node) {
      if (node.nodeType === 1 && node.matches(NOT_TEXT)) return;
      holder.appendChild(node);
    });
    if (!holder.textContent.trim()) return;
    // The index joins the words jieba cut with zero-width spaces: out of the snippet, they
    // would count as characters without being seen.
    var walker = document.createTreeWalker(holder, NodeFilter.SHOW_TEXT), node;
    while ((node = walker.nextNode())) node.nodeValue = node.nodeValue.replace(/\u200b/g, "");
    var heading = article.querySelector("h1, h2");
    article.insertBefore(holder, heading ? heading.nextSibling : article.firstChild);
    shorten(holder);
  }

  function tidy(list) {
    list.querySelectorAll(".md-search-result__article").forEach(function (article) {
      snippet(article);
      nameIndicator(article);
    });
  }

  function watchResults() {
    var list = document.querySelector(".md-search-result__list");
    if (!list || !("MutationObserver" in window)) return;
    new MutationObserver(function () { tidy(list); }).observe(list, { childList: true, subtree: true });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", watchResults);
  else watchResults();
})();
