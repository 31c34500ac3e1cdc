// The plots of /reading, drawn by Chart.js (vendor/chartjs) from the JSON the page
// carries; colours come from the stylesheet, so they follow light and dark. The
// tables under each plot hold the same figures.
(function () {
  "use strict";

  const source = document.getElementById("reading-data");
  if (!source || typeof window.Chart === "undefined") return;
  const data = JSON.parse(source.textContent);
  const css = getComputedStyle(document.documentElement);
  const color = (name) => css.getPropertyValue(name).trim();
  const Chart = window.Chart;

  Chart.defaults.color = color("--muted");
  Chart.defaults.borderColor = color("--line");
  Chart.defaults.font.family = color("--font-ui") || "system-ui, sans-serif";
  Chart.defaults.animation = false;

  const weekLabel = (iso) => new Date(`${iso}T00:00:00Z`).toLocaleDateString(undefined, { day: "numeric", month: "short", timeZone: "UTC" });
  const weeks = data.weeks.map(weekLabel);
  const common = {
    responsive: true,
    maintainAspectRatio: false,
    plugins: { legend: { labels: { boxWidth: 12, boxHeight: 12 } } },
    scales: { y: { beginAtZero: true, ticks: { precision: 0 } }, x: { ticks: { maxRotation: 0, autoSkipPadding: 12 } } },
  };

  const charts = {
    pages: () => ({
      type: "bar",
      data: {
        labels: weeks,
        datasets: [
          { label: "Saved", data: data.saved, backgroundColor: color("--line-strong"), borderRadius: 3 },
          { label: "Read", data: data.read, backgroundColor: color("--accent"), borderRadius: 3 },
        ],
      },
      options: common,
    }),
    highlights: () => ({
      type: "line",
      data: {
        labels: weeks,
        datasets: [{
          label: "Highlights", data: data.highlights, borderColor: color("--swatch-yellow"),
          backgroundColor: color("--swatch-yellow"), pointRadius: 2, tension: 0.3,
        }],
      },
      options: { ...common, plugins: { legend: { display: false } } },
    }),
    tags: () => ({
      type: "bar",
      data: { labels: data.tags, datasets: [{ label: "Pages read", data: data.tagCounts, backgroundColor: color("--accent"), borderRadius: 3 }] },
      options: {
        ...common,
        indexAxis: "y",
        plugins: { legend: { display: false } },
        scales: { x: { beginAtZero: true, ticks: { precision: 0 } }, y: { ticks: { autoSkip: false } } },
      },
    }),
  };

  // The calendar opens on its latest weeks (it scrolls sideways where it does not fit).
  for (const calendar of document.querySelectorAll(".calendar")) calendar.scrollLeft = calendar.scrollWidth;

  for (const canvas of document.querySelectorAll("canvas[data-chart]")) {
    const make = charts[canvas.dataset.chart];
    if (make) new Chart(canvas, make());
  }
})();
