// A batch's progress, kept true while it runs: every two seconds the counts and
// the bar are asked for again; when the batch ends the page reloads once, so
// the item list shows where each story went. Without this file the page says
// the same with a link to reload it.
(function () {
  "use strict";

  const box = document.getElementById("ingest-progress");
  if (!box || box.dataset.finished === "true") {
    return;
  }
  const bar = box.querySelector("progress");
  const EVERY = 2000;

  function show(answer) {
    bar.value = answer.percent;
    bar.textContent = answer.percent + "%";
    box.querySelector('[data-count="done"]').textContent = String(answer.done);
    box.querySelector('[data-count="total"]').textContent = String(answer.total);
    for (const [status, count] of Object.entries(answer.counts)) {
      const cell = box.querySelector('[data-status="' + status + '"]');
      if (cell) {
        cell.textContent = String(count);
      }
    }
  }

  async function ask() {
    try {
      const response = await fetch(box.dataset.url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (response.ok) {
        const answer = await response.json();
        show(answer);
        if (answer.finished) {
          window.location.reload();
          return;
        }
      }
    } catch (error) {
      // A network hiccup: the next turn asks again.
    }
    window.setTimeout(ask, EVERY);
  }

  window.setTimeout(ask, EVERY);
})();
