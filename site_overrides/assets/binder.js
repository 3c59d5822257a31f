/* The findings filter of the dashboard page (text and severity) and the PDF viewers of the
   indicator pages, made when they come near the screen. No network, no library. */
(function () {
  function setUp() {
    setUpFilters();
    setUpPdfViewers();
    labelTableCells();
  }

  // A phone shows each table row as a list (binder.css): every cell carries the name of its
  // column, which the list prints before the cell's text.
  function labelTableCells() {
    document.querySelectorAll(".md-typeset__table table").forEach(function (table) {
      var heads = table.querySelectorAll("thead th");
      if (!heads.length) return;
      var names = Array.prototype.map.call(heads, function (th) { return th.textContent.trim(); });
      table.querySelectorAll("tbody tr").forEach(function (row) {
        var column = 0;
        Array.prototype.forEach.call(row.children, function (cell) {
          var span = cell.colSpan || 1;
          if (span === 1 && names[column] && !cell.hasAttribute("data-label")) cell.setAttribute("data-label", names[column]);
          column += span;
        });
      });
    });
  }

  // Each PDF shows in the browser's own viewer, a heavy frame: a page made them all at once
  // when it loaded (six took 2.5 s). A holder waits in its place until it is about to be
  // seen; where nothing can tell (no IntersectionObserver), every viewer is made at once.
  function setUpPdfViewers() {
    var holders = Array.prototype.slice.call(document.querySelectorAll(".binder-pdf__viewer[data-src]"));
    if (!holders.length) return;
    // A phone's browser shows no PDF inside a frame: it gets the first page (binder.css) instead.
    if (window.matchMedia && window.matchMedia("(max-width: 44.984375em)").matches) return;
    if (!("IntersectionObserver" in window)) {
      holders.forEach(showPdf);
      return;
    }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        observer.unobserve(entry.target);
        showWhenNoPhotoIsOpen(entry.target);
      });
    }, { rootMargin: "300px 0px" });
    holders.forEach(function (holder) { observer.observe(holder); });
  }

  // Not while a photo is open in the lightbox: the viewer would load behind it, in its way.
  function showWhenNoPhotoIsOpen(holder) {
    if (document.body.classList.contains("glightbox-open")) {
      setTimeout(function () { showWhenNoPhotoIsOpen(holder); }, 500);
      return;
    }
    showPdf(holder);
  }

  function showPdf(holder) {
    var frame = document.createElement("iframe");
    frame.className = "binder-pdf__viewer";
    // Opened at the width of the page (the browser's viewer starts at "fit to page", a third of that).
    frame.src = holder.getAttribute("data-src") + "#view=FitH";
    frame.title = holder.getAttribute("data-title");
    holder.parentNode.replaceChild(frame, holder);
  }

  // Text as the filter compares it: lower case, Roman numeral characters as letters (Ⅲ-34 and
  // III-34 are the same indicator, and most keyboards type the latter), full-width digits,
  // letters and dashes as ASCII.
  var ROMAN = "ⅰⅱⅲⅳⅴⅵⅶⅷⅸⅹⅺⅻ";
  var ROMAN_TEXT = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii"];
  function plain(text) {
    return text.toLowerCase()
      .replace(/[ⅰ-ⅻ]/g, function (ch) { return ROMAN_TEXT[ROMAN.indexOf(ch)]; })
      .replace(/[０-９ａ-ｚ]/g, function (ch) { return String.fromCharCode(ch.charCodeAt(0) - 0xFEE0); })
      .replace(/[－—–]/g, "-");
  }

  function setUpFilters() {
    document.querySelectorAll(".binder-filter").forEach(function (box) {
      var target = document.getElementById(box.dataset.filterFor);
      if (!target) return;
      var input = box.querySelector("input");
      var select = box.querySelector("select");
      var count = box.querySelector(".binder-filter__count");
      var rows = Array.prototype.slice.call(target.querySelectorAll("tbody tr"));
      var texts = rows.map(function (row) { return plain(row.textContent); });
      // A row that sums up findings left out of the table (data-count) counts for all of them.
      function weight(row) { return Number(row.dataset.count || 1); }
      var total = rows.reduce(function (sum, row) { return sum + weight(row); }, 0);
      function apply() {
        var words = plain(input.value.trim());
        var severity = select.value;
        var shown = 0;
        rows.forEach(function (row, index) {
          var match = (!words || texts[index].indexOf(words) >= 0) &&
            (!severity || row.dataset.severity === severity);
          row.hidden = !match;
          if (match) shown += weight(row);
        });
        count.textContent = "显示 " + shown + " / " + total + " 条";
      }
      input.addEventListener("input", apply);
      select.addEventListener("change", apply);
      apply();
    });
  }
  if (window.document$ && window.document$.subscribe) {
    window.document$.subscribe(setUp);
  } else {
    document.addEventListener("DOMContentLoaded", setUp);
  }
})();

