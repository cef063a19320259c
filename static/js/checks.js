// 体检 counts: fills the sidebar's 体检 step and the export buttons' 体检 link from the counts
// endpoint named in their data-checks-counts attribute (one request per distinct URL). The export
// itself is never blocked: the link only tells how many findings there are.
(function () {
  "use strict";

  function fill(element, counts) {
    var errors = element.querySelector('[data-checks-count="error"]');
    var warnings = element.querySelector('[data-checks-count="warning"]');
    var total = element.querySelector("[data-checks-total]");
    var summary = element.querySelector("[data-checks-summary]");
    if (errors && counts.error) { errors.textContent = counts.error; errors.classList.remove("d-none"); }
    if (warnings && counts.warning) { warnings.textContent = counts.warning; warnings.classList.remove("d-none"); }
    if (total) total.textContent = counts.total ? "：" + counts.total + " 项" : "：未发现问题";
    if (summary) {
      summary.textContent = counts.total
        ? "错误 " + counts.error + " · 警告 " + counts.warning + " · 提示 " + counts.hint
        : "未发现问题";
    }
  }

  function refresh() {
    var byUrl = {};
    document.querySelectorAll("[data-checks-counts]").forEach(function (element) {
      var url = element.getAttribute("data-checks-counts");
      (byUrl[url] = byUrl[url] || []).push(element);
    });
    Object.keys(byUrl).forEach(function (url) {
      window.Session.fetch(url)
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (counts) {
          if (counts) byUrl[url].forEach(function (element) { fill(element, counts); });
        })
        .catch(function () { /* the counts are a hint: the links still work without them */ });
    });
  }

  document.addEventListener("DOMContentLoaded", refresh);
})();
