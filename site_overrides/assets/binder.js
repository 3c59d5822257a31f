/* Filters the findings table of the 细心检查 page: text and severity. No network, no library. */
(function () {
  function setUp() {
    document.querySelectorAll(".binder-filter").forEach(function (box) {
      var target = document.getElementById(box.dataset.filterFor);
      if (!target) return;
      var input = box.querySelector("input");
      var select = box.querySelector("select");
      var count = box.querySelector(".binder-filter__count");
      var rows = Array.prototype.slice.call(target.querySelectorAll("tbody tr"));
      function apply() {
        var words = input.value.trim().toLowerCase();
        var severity = select.value;
        var shown = 0;
        rows.forEach(function (row) {
          var match = (!words || row.textContent.toLowerCase().indexOf(words) >= 0) &&
            (!severity || row.dataset.severity === severity);
          row.hidden = !match;
          if (match) shown += 1;
        });
        count.textContent = "显示 " + shown + " / " + rows.length + " 条";
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

