// Draws each [data-chart] element with uPlot (vendored in /assets/lib/uplot). The same values are always in a
// table beside the chart, so this file only adds a picture: the page works without it.
(() => {
  const markerPlugin = (markers) => ({
    hooks: {
      draw: [(u) => {
        const ctx = u.ctx;
        ctx.save();
        ctx.strokeStyle = "#6b4fa0";
        ctx.fillStyle = "#3d2a66";
        ctx.setLineDash([4, 4]);
        ctx.font = `${12 * devicePixelRatio}px system-ui, sans-serif`;
        ctx.textAlign = "left";
        ctx.textBaseline = "alphabetic";
        markers.forEach((m, i) => {
          const x = Math.round(u.valToPos(m.x, "x", true));
          if (x < u.bbox.left || x > u.bbox.left + u.bbox.width) return;
          ctx.beginPath();
          ctx.moveTo(x, u.bbox.top);
          ctx.lineTo(x, u.bbox.top + u.bbox.height);
          ctx.stroke();
          // Labels near the right edge are written to the left of their line so they stay inside the plot.
          const width = ctx.measureText(m.label).width;
          const right = x + 4 + width > u.bbox.left + u.bbox.width;
          ctx.textAlign = right ? "right" : "left";
          ctx.fillText(m.label, right ? x - 4 : x + 4, u.bbox.top + (12 + 14 * (i % 3)) * devicePixelRatio);
        });
        ctx.restore();
      }],
    },
  });

  const limitPlugin = (low, high) => ({
    hooks: {
      draw: [(u) => {
        const ctx = u.ctx;
        ctx.save();
        ctx.strokeStyle = "#b42318";
        ctx.setLineDash([2, 3]);
        for (const v of [low, high]) {
          if (v === null || v === undefined) continue;
          const y = Math.round(u.valToPos(v, "y", true));
          ctx.beginPath();
          ctx.moveTo(u.bbox.left, y);
          ctx.lineTo(u.bbox.left + u.bbox.width, y);
          ctx.stroke();
        }
        ctx.restore();
      }],
    },
  });

  const draw = (el) => {
    const spec = JSON.parse(el.dataset.chart);
    if (!window.uPlot || spec.x.length === 0) return;
    const width = Math.max(280, Math.min(el.clientWidth || 600, 1000));
    const range = (u, min, max) => [spec.min ?? Math.min(min, spec.low ?? min), spec.max ?? Math.max(max, spec.high ?? max)];
    // Kept on the element so a browser test can ask the chart where a day is drawn.
    el.uplot = new uPlot({
      width,
      height: 220,
      scales: { x: { time: true }, y: { range } },
      legend: { show: false },
      // A null value is a day with nothing recorded: the line breaks there rather than joining its neighbours.
      series: [{}, { label: spec.title, stroke: "#0a4fb3", width: 2, spanGaps: false, points: { show: true, size: 6 } }],
      axes: [{}, { label: spec.unit === "score" ? "" : spec.unit }],
      plugins: [markerPlugin(spec.markers), limitPlugin(spec.low, spec.high)],
    }, [spec.x, spec.y], el);
  };

  document.addEventListener("DOMContentLoaded", () => document.querySelectorAll("[data-chart]").forEach(draw));
})();
