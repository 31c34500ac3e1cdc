// The reader view: draws the page's highlights with the highlighter the
// extension uses (GlossHighlighter), and creates and edits them through the
// extension's own floating button and popover (GlossUI, one module for both);
// also saves page tags, read state and reading progress. Everything goes
// through the JSON API with the session cookie and the X-CSRF-Token header.
// User text only ever reaches the DOM as textContent.
(function () {
  "use strict";

  const H = window.GlossHighlighter;
  const UI = window.GlossUI;
  const root = document.getElementById("article");
  const data = JSON.parse(document.getElementById("reader-data").textContent);
  const csrf = document.querySelector('meta[name="csrf-token"]')?.content ?? "";
  const pageId = data.pageId;
  const highlights = new Map(data.highlights.map((h) => [String(h.id), h]));
  const notShown = new Set(); // anchored on the server, but not found in the article as rendered

  const list = document.getElementById("page-highlight-list");
  const listEmpty = document.getElementById("page-highlights-empty");
  let ui = null;

  // ---- the JSON API -----------------------------------------------------------------

  async function api(method, path, body, extra = {}) {
    const init = {
      method,
      credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRF-Token": csrf },
      ...extra,
    };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch {
      throw new Error("The server could not be reached. Check the connection and try again.");
    }
    if (response.status === 204) return null;
    const payload = await response.json().catch(() => null);
    if (response.status === 401) throw new Error("You have been signed out. Sign in again, then retry.");
    if (!response.ok) throw new Error(payload?.error?.message || `The server answered ${response.status}.`);
    return payload;
  }

  // Short messages through the shared UI; without it (a script failed to load) the
  // page still works through its forms, and errors go to the console.
  function toast(message, isError = false) {
    if (ui) ui.showMessage(message, isError ? "error" : "info");
    else if (isError) console.error(message);
  }

  function tagChips(names, endpoint) {
    const ul = document.createElement("ul");
    ul.className = "tags";
    for (const name of names) {
      const li = document.createElement("li");
      const a = document.createElement("a");
      a.className = "tag";
      a.href = `${endpoint}?${new URLSearchParams({ tag: name })}`;
      a.textContent = name;
      li.append(a);
      ul.append(li);
    }
    return ul;
  }

  // ---- drawing ------------------------------------------------------------------------

  function decorate(id) {
    const h = highlights.get(String(id));
    H.marksFor(id, root).forEach((mark, index) => {
      mark.title = h?.note ? h.note : "Click to add a note, tags or change the color";
      if (index === 0) {
        mark.id = `h-${id}`;
        mark.tabIndex = 0;
        mark.setAttribute("role", "button");
        mark.setAttribute("aria-label", `Highlight: ${h?.quote ?? ""}. Press Enter to edit.`);
      }
    });
  }

  function drawAll() {
    const items = [...highlights.values()].map((h) => ({
      id: h.id, color: h.color, selectors: [{ quote: h.quote, prefix: h.prefix, suffix: h.suffix }],
    }));
    const { drawn, missing } = H.anchorAll(root, items);
    for (const { item } of drawn) decorate(item.id);
    for (const item of missing) notShown.add(String(item.id));
  }

  function renderList() {
    const items = [...highlights.values()].sort((a, b) => (a.start ?? 0) - (b.start ?? 0));
    list.replaceChildren(...items.map((h) => {
      const li = document.createElement("li");
      li.className = "highlight-item";
      const link = document.createElement("a");
      link.className = "highlight-item__link";
      link.href = `#h-${h.id}`;
      const quote = document.createElement("blockquote");
      quote.className = `quote swatch-${h.color}`;
      quote.textContent = h.quote;
      link.append(quote);
      li.append(link);
      if (h.note) {
        const note = document.createElement("p");
        note.className = "highlight-item__note";
        note.textContent = h.note;
        li.append(note);
      }
      if (h.tags?.length) li.append(tagChips(h.tags, "/highlights"));
      if (notShown.has(String(h.id))) {
        const meta = document.createElement("p");
        meta.className = "meta";
        const badge = document.createElement("span");
        badge.className = "badge";
        badge.textContent = "Could not be shown in the article above";
        meta.append(badge);
        li.append(meta);
      }
      return li;
    }));
    listEmpty.hidden = items.length > 0;
  }

  function flash(id) {
    const marks = H.marksFor(id, root);
    if (!marks.length) return;
    marks[0].scrollIntoView({ block: "center", behavior: "smooth" });
    for (const mark of marks) {
      mark.classList.remove("is-flashing");
      void mark.offsetWidth; // restart the animation
      mark.classList.add("is-flashing");
    }
  }

  function flashFromHash() {
    const match = /^#h-(\d+)$/.exec(location.hash);
    if (match && highlights.has(match[1])) flash(match[1]);
    return Boolean(match);
  }

  // ---- creating and editing, called by the shared floating button and popover --------------

  // Resolves to the new highlight's id: the popover then opens on it.
  async function createFromRange(range) {
    const described = H.describeRange(root, range);
    if (!described || !described.range) return null;
    const h = await api("POST", `/api/v1/pages/${pageId}/highlights`, {
      quote: described.quote, prefix: described.prefix, suffix: described.suffix, color: H.DEFAULT_COLOR,
    });
    highlights.set(String(h.id), h);
    H.drawHighlight(root, described.range, { id: h.id, color: h.color });
    decorate(h.id);
    renderList();
    return h.id;
  }

  async function updateHighlight(id, changes) {
    const h = await api("PATCH", `/api/v1/highlights/${id}`, changes);
    highlights.set(String(h.id), h);
    H.setHighlightColor(h.id, h.color, root);
    decorate(h.id);
    renderList();
    if (!changes.color) toast("Highlight saved");
  }

  async function deleteHighlight(id) {
    await api("DELETE", `/api/v1/highlights/${id}`);
    H.removeHighlight(id, root);
    highlights.delete(String(id));
    renderList();
    toast("Highlight deleted");
  }

  // ---- page tags and read state (the forms also work without this script) ------------------------

  const tagForm = document.getElementById("page-tags");
  tagForm?.addEventListener("submit", async (event) => {
    if (!UI) return; // the form posts as it is
    event.preventDefault();
    const tags = UI.parseTags(tagForm.elements.tags.value);
    const problem = UI.tagProblem(tags);
    if (problem) {
      toast(problem, true);
      tagForm.elements.tags.focus();
      return;
    }
    try {
      const page = await api("PUT", `/api/v1/pages/${pageId}/tags`, { tags });
      document.getElementById("page-tag-list").replaceChildren(page.tags.length ? tagChips(page.tags, "/") : "");
      tagForm.elements.tags.value = page.tags.join(", ");
      toast(page.tags.length ? "Tags saved" : "Tags removed");
    } catch (error) {
      toast(error.message, true);
    }
  });

  const readForm = document.getElementById("read-form");
  readForm?.addEventListener("submit", async (event) => {
    event.preventDefault();
    const read = readForm.elements.read.value === "true";
    try {
      await api("PATCH", `/api/v1/pages/${pageId}`, { read });
      readForm.elements.read.value = read ? "false" : "true";
      const submit = readForm.querySelector("button");
      submit.textContent = read ? "Mark unread" : "Mark read";
      submit.setAttribute("aria-pressed", String(read));
      toast(read ? "Marked as read" : "Marked as unread");
    } catch (error) {
      toast(error.message, true);
    }
  });

  // ---- reading progress ------------------------------------------------------------------

  const bar = document.getElementById("reading-progress");
  let savedProgress = data.progress;
  let saveTimer = 0;

  function currentProgress() {
    const rect = root.getBoundingClientRect();
    const scrollable = rect.height - innerHeight;
    if (scrollable <= 0) return rect.bottom <= innerHeight ? 1 : 0;
    return Math.min(1, Math.max(0, -rect.top / scrollable));
  }

  function saveProgress(options = {}) {
    const progress = Math.round(currentProgress() * 1000) / 1000;
    if (progress === savedProgress || (Math.abs(progress - savedProgress) < 0.02 && progress !== 1)) return;
    savedProgress = progress;
    api("PATCH", `/api/v1/pages/${pageId}`, { progress }, options).catch(() => {});
  }

  function onScroll() {
    bar.style.transform = `scaleX(${currentProgress()})`;
    clearTimeout(saveTimer);
    saveTimer = setTimeout(saveProgress, 1500);
  }

  function restoreProgress() {
    if (location.hash || savedProgress < 0.03 || savedProgress > 0.97) return;
    const rect = root.getBoundingClientRect();
    scrollTo({ top: rect.top + scrollY + savedProgress * (rect.height - innerHeight) });
    toast("Back where you left off");
  }

  // ---- wiring ---------------------------------------------------------------------------

  if (!H || !UI) {
    const hint = document.getElementById("reader-hint");
    if (hint) hint.textContent = "The highlighter did not load, so highlights cannot be shown. Reload the page.";
    return;
  }
  ui = UI.create({
    document,
    canHighlight: (range) => Boolean(root?.contains(range.commonAncestorContainer)),
    onHighlight: createFromRange,
    getHighlight: (id) => highlights.get(String(id)) ?? null,
    onUpdate: updateHighlight,
    onDelete: deleteHighlight,
    highlightKey: "h",
  });
  if (!root) {
    renderList();
    return;
  }
  drawAll();
  renderList();
  if (!flashFromHash()) restoreProgress();
  onScroll();

  addEventListener("hashchange", flashFromHash);
  addEventListener("scroll", () => requestAnimationFrame(onScroll), { passive: true });
  addEventListener("pagehide", () => saveProgress({ keepalive: true }));
})();
