// 统计看板: draws each figure of the page with Chart.js (vendor/chartjs, from npm) from the JSON block
// the template writes with json_script ("dashboard-data"). The numbers are also in the table beside
// each chart, every one a link; a click on a bar (or a point) opens the same list as its number.
// Data per figure: labels (rows), series (names), values[series][row], links[series][row] (null
// when no list selects that number: the figure's own link is used), link, chart (bar | stacked |
// horizontal | timeline).
(function () {
  "use strict";

  var COLOURS = ["#b02a37", "#6c757d", "#fd7e14", "#198754", "#0d6efd", "#6f42c1", "#20c997", "#ffc107"];
  // One colour per row where the rows are states (a status reads the same in every figure).
  var ROW_COLOURED = { measures: true, unsubmitted: true };
  var STATE_COLOURS = {
    measures: ["#6c757d", "#0d6efd", "#198754", "#212529"], // as the status pills (ledger.py)
    unsubmitted: ["#b02a37", "#fd7e14", "#ffc107", "#198754"],
  };

  function datasets(figure) {
    return figure.series.map(function (name, index) {
      var colour = COLOURS[index % COLOURS.length];
      var set = {
        label: name,
        data: figure.values[index],
        backgroundColor: ROW_COLOURED[figure.key] ? STATE_COLOURS[figure.key] : colour,
        borderColor: colour,
        borderWidth: 1,
      };
      if (figure.chart === "timeline" && index === 1) {
        // The running total as a line over the monthly bars, on the same axis.
        set.type = "line";
        set.backgroundColor = colour;
        set.tension = 0.2;
        set.pointRadius = 4;
      }
      return set;
    });
  }

  function linkAt(figure, seriesIndex, rowIndex) {
    var links = figure.links[seriesIndex] || [];
    return links[rowIndex] || figure.link;
  }

  function config(figure) {
    var stacked = figure.chart === "stacked";
    var horizontal = figure.chart === "horizontal";
    return {
      type: "bar",
      data: { labels: figure.labels, datasets: datasets(figure) },
      options: {
        animation: false, // drawn at once: a leader reads it, nothing to watch
        maintainAspectRatio: false,
        indexAxis: horizontal ? "y" : "x",
        interaction: { mode: "nearest", intersect: true },
        plugins: {
          legend: { display: figure.series.length > 1 },
          tooltip: { callbacks: { footer: function () { return "点击查看清单"; } } },
        },
        scales: {
          x: { stacked: stacked, beginAtZero: true, ticks: { precision: 0 } },
          y: { stacked: stacked, beginAtZero: true, ticks: { precision: 0 } },
        },
        onHover: function (event, elements) {
          if (event.native) event.native.target.style.cursor = elements.length ? "pointer" : "default";
        },
        onClick: function (event, elements) {
          if (!elements.length) return;
          var url = linkAt(figure, elements[0].datasetIndex, elements[0].index);
          if (url) window.location.assign(url);
        },
      },
    };
  }

  function draw() {
    var block = document.getElementById("dashboard-data");
    if (!block || typeof window.Chart === "undefined") return;
    var data = JSON.parse(block.textContent);
    window.Chart.defaults.font.family =
      '"Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", system-ui, sans-serif';
    data.figures.forEach(function (figure) {
      var canvas = document.querySelector('canvas[data-chart="' + figure.key + '"]');
      if (!canvas) return;
      new window.Chart(canvas, config(figure));
      canvas.setAttribute("data-chart-drawn", "");
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", draw);
  else draw();
})();
