// The review queue from the keyboard, and decisions without a page reload.
//
// j / k move between findings, n jumps to the next undecided one, a presses
// the finding's first button (Remove paragraph, Apply fix, Keep, mark
// reviewed), r presses "Keep as is"; with Shift the same goes for the whole
// rule. A decision is posted with fetch and the server answers with the
// queue alone, which replaces the old one; focus then moves to the next
// undecided finding. Without this script the forms post as usual and the
// redirect brings the editor back to the same place.
(function () {
  "use strict";

  const root = document.getElementById("desk-review");
  if (!root) {
    return;
  }
  let current = null;

  function findings() {
    return Array.from(root.querySelectorAll(".desk-finding"));
  }

  function mark(element) {
    current = element;
    for (const finding of findings()) {
      finding.classList.toggle("is-current", finding === element);
    }
  }

  function focus(element) {
    if (!element) {
      return;
    }
    mark(element);
    element.focus({ preventScroll: true });
    element.scrollIntoView({ block: "center" });
  }

  function move(step) {
    const all = findings();
    let index = all.indexOf(current);
    if (index < 0) {
      index = step > 0 ? 0 : all.length - 1;
    } else {
      index = Math.min(all.length - 1, Math.max(0, index + step));
    }
    focus(all[index]);
  }

  function nextUndecided(from) {
    const all = findings();
    const start = from ? all.indexOf(from) : -1;
    const order = all.slice(start + 1).concat(all.slice(0, start + 1));
    return order.find((finding) => finding.classList.contains("is-open")) || null;
  }

  async function post(form, button) {
    const data = new FormData(form);
    data.append(button.name, button.value);
    const here = current ? current.id : null;
    let response;
    try {
      response = await fetch(form.action, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-Desk-Fragment": "1" },
      });
    } catch (error) {
      response = null;
    }
    if (!response || !response.ok) {
      // Let the browser post it, so the editor sees the server's answer.
      const field = document.createElement("input");
      field.type = "hidden";
      field.name = button.name;
      field.value = button.value;
      form.appendChild(field);
      form.submit();
      return;
    }
    const queue = document.getElementById("desk-queue");
    const template = document.createElement("template");
    template.innerHTML = (await response.text()).trim();
    queue.replaceWith(template.content);
    const same = here ? document.getElementById(here) : null;
    focus(nextUndecided(same) || same || nextUndecided(null));
  }

  function press(value, wholeRule) {
    if (!current) {
      focus(nextUndecided(null));
      return;
    }
    const form = document.getElementById("desk-decide");
    const button = wholeRule
      ? Array.from(form.querySelectorAll('button[name="rule_decision"]')).find(
          (candidate) => candidate.value === `${current.dataset.rule}:${value}`,
        )
      : current.querySelector(`button[name="finding_decision"][value$=":${value}"]`);
    if (button) {
      post(form, button);
    }
  }

  root.addEventListener("submit", (event) => {
    const form = event.target;
    const button = event.submitter;
    if (!form.matches("form[data-decide]") || !button) {
      return;
    }
    event.preventDefault();
    const finding = button.closest(".desk-finding");
    if (finding) {
      mark(finding);
    }
    post(form, button);
  });

  root.addEventListener("click", (event) => {
    const link = event.target.closest("[data-next-undecided]");
    if (link) {
      event.preventDefault();
      focus(nextUndecided(current));
    }
  });

  root.addEventListener("focusin", (event) => {
    const finding = event.target.closest(".desk-finding");
    if (finding && finding !== current) {
      mark(finding);
    }
  });

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    if (event.target.closest("input, textarea, select, [contenteditable]")) {
      return;
    }
    const key = event.key.toLowerCase();
    if (key === "j") {
      move(1);
    } else if (key === "k") {
      move(-1);
    } else if (key === "n") {
      focus(nextUndecided(current));
    } else if (key === "a") {
      press("accept", event.shiftKey);
    } else if (key === "r") {
      press("reject", event.shiftKey);
    } else {
      return;
    }
    event.preventDefault();
  });

  const target = location.hash ? document.getElementById(location.hash.slice(1)) : null;
  if (target && target.classList.contains("desk-finding")) {
    focus(target);
  } else {
    mark(nextUndecided(null));
  }
})();
