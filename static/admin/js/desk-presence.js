// The soft lock: while the edit form is open, say so every 20 seconds and
// show who else has the story open. The first answer comes with the page
// itself; this keeps it true. Nothing is locked: saves merge.
(function () {
  "use strict";

  const box = document.getElementById("desk-presence");
  const form = document.querySelector("#article_form");
  if (!box || !form) {
    return;
  }
  const token = form.querySelector("input[name=csrfmiddlewaretoken]");
  const who = box.querySelector(".desk-presence-who");
  const newer = box.querySelector(".desk-presence-newer");
  const loaded = Number(box.dataset.version);
  const EVERY = 20000;

  function body(extra) {
    const data = new FormData();
    data.append("csrfmiddlewaretoken", token ? token.value : "");
    for (const [key, value] of Object.entries(extra || {})) {
      data.append(key, value);
    }
    return data;
  }

  async function beat() {
    let answer;
    try {
      const response = await fetch(box.dataset.url, {
        method: "POST",
        body: body(),
        credentials: "same-origin",
      });
      if (!response.ok) {
        return;
      }
      answer = await response.json();
    } catch (error) {
      return;
    }
    who.textContent = answer.editors
      .map((editor) => `${editor.name} has this story open (since ${editor.since})`)
      .join("; ");
    box.classList.toggle("is-alone", answer.editors.length === 0);
    newer.hidden = !(answer.version > loaded);
    if (answer.version > loaded) {
      box.classList.remove("is-alone");
    }
  }

  setInterval(beat, EVERY);
  window.addEventListener("pagehide", () => {
    if (!form.dataset.submitting) {
      navigator.sendBeacon(box.dataset.url, body({ leave: "1" }));
    }
  });
  form.addEventListener("submit", () => {
    form.dataset.submitting = "1";
  });
})();
