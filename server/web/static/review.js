// The daily review, one highlight at a time and keyboard-driven: 1-4 answer (again,
// hard, good, easy), Space shows the paragraph around it, E edits the note and tags,
// F makes it a favourite, R retires it. Each form posts to the JSON API with the
// session cookie and the X-CSRF-Token header; without this script the same forms post
// to the server and the page reloads.
(function () {
  "use strict";

  const root = document.querySelector("[data-review]");
  if (!root) return;
  const UI = window.GlossUI; // its tag parser, the one the reader and the extension use
  const csrf = document.querySelector('meta[name="csrf-token"]')?.content ?? "";
  const cards = [...root.querySelectorAll("[data-review-card]")];
  const status = root.querySelector("[data-review-status]");
  const position = root.querySelector("[data-review-position]");
  const done = root.querySelector("[data-review-done]");
  const keys = root.querySelector(".review__keys");
  const RATING_KEYS = { 1: "again", 2: "hard", 3: "good", 4: "easy" };
  let index = 0;
  let busy = false;

  async function api(method, path, body) {
    const response = await fetch(path, {
      method,
      credentials: "same-origin",
      headers: { Accept: "application/json", "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(body),
    });
    const data = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(data?.error?.message || `The server answered ${response.status}.`);
    return data;
  }

  const say = (text) => { if (status) status.textContent = text; };
  const current = () => cards[index];
  const idOf = (card) => card.dataset.highlightId;

  function show() {
    cards.forEach((card, i) => card.classList.toggle("is-current", i === index));
    const card = current();
    if (!card) {
      root.querySelector(".review__cards").hidden = true;
      if (keys) keys.hidden = true;
      done.hidden = false;
      position.textContent = `All ${cards.length} reviewed`;
      done.querySelector("a, button")?.focus();
      return;
    }
    position.textContent = `${index + 1} of ${cards.length}`;
    card.focus({ preventScroll: true });
    card.scrollIntoView({ block: "nearest" });
  }

  function next() {
    index += 1;
    show();
  }

  function dayOf(iso) {
    return new Date(iso).toLocaleDateString(undefined, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  }

  async function run(task) {
    if (busy) return;
    busy = true;
    try {
      await task();
    } catch (error) {
      say(error.message);
      window.alert(error.message);
    } finally {
      busy = false;
    }
  }

  function answer(card, rating) {
    return run(async () => {
      const result = await api("POST", `/api/v1/highlights/${idOf(card)}/review`, { rating });
      card.dataset.due = result.due;
      say(`${rating[0].toUpperCase()}${rating.slice(1)}: back on ${dayOf(result.due)}.`);
      next();
    });
  }

  function toggleFavourite(card) {
    const form = card.querySelector('[data-review-form="favourite"]');
    const field = form.querySelector('[name="favourite"]');
    return run(async () => {
      const result = await api("PATCH", `/api/v1/highlights/${idOf(card)}/review`, { favourite: field.value === "1" });
      field.value = result.favourite ? "0" : "1";
      form.querySelector("button").setAttribute("aria-pressed", String(result.favourite));
      form.querySelector("[data-review-star]").textContent = result.favourite ? "★" : "☆";
      say(result.favourite ? "A favourite: it comes back more often." : "No longer a favourite.");
    });
  }

  function retire(card) {
    return run(async () => {
      await api("PATCH", `/api/v1/highlights/${idOf(card)}/review`, { retired: true });
      say("Retired: it will not come back in review.");
      next();
    });
  }

  function saveEdit(card) {
    const form = card.querySelector('[data-review-form="edit"]');
    const note = form.querySelector('[name="note"]').value;
    const tags = UI.parseTags(form.querySelector('[name="tags"]').value);
    return run(async () => {
      const problem = UI.tagProblem(tags);
      if (problem) throw new Error(problem);
      const result = await api("PATCH", `/api/v1/highlights/${idOf(card)}`, { note, tags });
      const noteView = card.querySelector("[data-review-note]");
      noteView.textContent = result.note;
      noteView.hidden = !result.note;
      const list = document.createElement("ul");
      list.className = "tags";
      list.setAttribute("aria-label", "Tags");
      for (const name of result.tags) {
        const item = document.createElement("li");
        const link = document.createElement("a");
        link.className = "tag";
        link.href = `/highlights?tag=${encodeURIComponent(name)}`;
        link.textContent = name;
        item.append(link);
        list.append(item);
      }
      card.querySelector("[data-review-tags]").replaceChildren(...(result.tags.length ? [list] : []));
      form.querySelector('[name="tags"]').value = result.tags.join(", ");
      card.querySelector("[data-review-edit]").open = false;
      say("Note and tags saved.");
      card.focus({ preventScroll: true });
    });
  }

  root.addEventListener("submit", (event) => {
    const form = event.target;
    const card = form.closest("[data-review-card]");
    const kind = form.dataset.reviewForm;
    // Without the shared tag parser (its script failed to load) the edit form posts as it is.
    if (!card || !kind || (kind === "edit" && !UI)) return;
    event.preventDefault();
    if (kind === "answer") answer(card, event.submitter?.value || "good");
    else if (kind === "favourite") toggleFavourite(card);
    else if (kind === "retire") retire(card);
    else if (kind === "edit") saveEdit(card);
  });

  document.addEventListener("keydown", (event) => {
    const card = current();
    if (!card || event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    const typing = target instanceof HTMLElement && (target.isContentEditable || target.matches("input, textarea, select"));
    if (typing) {
      if (event.key === "Escape") {
        card.querySelector("[data-review-edit]").open = false;
        card.focus({ preventScroll: true });
      }
      return;
    }
    // Space and Enter on a focused button, link or summary do what that control does.
    if (target instanceof HTMLElement && target.matches("button, summary, a") && (event.key === " " || event.key === "Enter")) return;
    const key = event.key.toLowerCase();
    if (RATING_KEYS[key]) {
      event.preventDefault();
      answer(card, RATING_KEYS[key]);
    } else if (key === " ") {
      event.preventDefault();
      const context = card.querySelector("[data-review-context]");
      context.open = !context.open;
    } else if (key === "e") {
      event.preventDefault();
      card.querySelector("[data-review-edit]").open = true;
      card.querySelector('[name="note"]').focus();
    } else if (key === "f") {
      event.preventDefault();
      toggleFavourite(card);
    } else if (key === "r") {
      event.preventDefault();
      retire(card);
    }
  });

  root.querySelector("[data-review-rest]")?.remove();  // "1 of 4" says it from here on
  root.classList.add("review--live");
  show();
})();
