// The reader view: draws the page's highlights with the extension's own
// highlighter (GlossHighlighter), creates new ones from a selection, edits
// them in a popover, saves page tags, read state and reading progress.
// Everything goes through the JSON API with the session cookie and the
// X-CSRF-Token header. User text only ever reaches the DOM as textContent.
(function () {
  "use strict";

  const H = window.GlossHighlighter;
  const root = document.getElementById("article");
  const data = JSON.parse(document.getElementById("reader-data").textContent);
  const csrf = document.querySelector('meta[name="csrf-token"]')?.content ?? "";
  const pageId = data.pageId;
  const highlights = new Map(data.highlights.map((h) => [String(h.id), h]));
  const notShown = new Set(); // anchored on the server, but not found in the article as rendered

  const toastBox = document.getElementById("toast");
  const button = document.querySelector('[data-gloss-action="highlight"]');
  const popover = document.getElementById("highlight-popover");
  const form = document.getElementById("highlight-form");
  const popoverError = document.getElementById("popover-error");
  const list = document.getElementById("page-highlight-list");
  const listEmpty = document.getElementById("page-highlights-empty");

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

  let toastTimer = 0;
  function toast(message, isError = false) {
    toastBox.textContent = message;
    toastBox.classList.toggle("is-error", isError);
    toastBox.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(() => { toastBox.hidden = true; }, isError ? 6000 : 2200);
  }

  const splitTags = (raw) => raw.split(",").map((t) => t.trim()).filter(Boolean);

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

  // ---- new highlights from a selection ----------------------------------------------------

  let pendingRange = null;

  function selectionInArticle() {
    const selection = getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    const range = selection.getRangeAt(0);
    if (!root.contains(range.commonAncestorContainer) || !selection.toString().trim()) return null;
    return range;
  }

  function placeBelow(element, rect, { alignRight = false } = {}) {
    const width = element.offsetWidth;
    const wanted = (alignRight ? rect.right - width / 2 : rect.left) + scrollX;
    const left = Math.max(scrollX + 8, Math.min(wanted, scrollX + document.documentElement.clientWidth - width - 8));
    element.style.left = `${left}px`;
    element.style.top = `${rect.bottom + scrollY + 10}px`;
  }

  function updateButton() {
    const range = selectionInArticle();
    if (!range) {
      button.hidden = true;
      pendingRange = null;
      return;
    }
    pendingRange = range.cloneRange();
    const rects = range.getClientRects();
    button.hidden = false;
    placeBelow(button, rects.length ? rects[rects.length - 1] : range.getBoundingClientRect(), { alignRight: true });
  }

  async function createFromSelection() {
    const range = selectionInArticle() ?? pendingRange;
    const described = range ? H.describeRange(root, range) : null;
    if (!described || !described.range) return;
    button.disabled = true;
    try {
      const h = await api("POST", `/api/v1/pages/${pageId}/highlights`, {
        quote: described.quote, prefix: described.prefix, suffix: described.suffix, color: H.DEFAULT_COLOR,
      });
      highlights.set(String(h.id), h);
      H.drawHighlight(root, described.range, { id: h.id, color: h.color });
      decorate(h.id);
      getSelection().removeAllRanges();
      button.hidden = true;
      pendingRange = null;
      renderList();
      openPopover(h.id);
    } catch (error) {
      toast(error.message, true);
    } finally {
      button.disabled = false;
    }
  }

  // ---- the popover: note, tags, color, delete ------------------------------------------------

  let activeId = null;

  function openPopover(id, { focusNote = false } = {}) {
    const h = highlights.get(String(id));
    const marks = H.marksFor(id, root);
    if (!h || !marks.length) return;
    activeId = String(id);
    form.elements.note.value = h.note ?? "";
    form.elements.tags.value = (h.tags ?? []).join(", ");
    for (const radio of form.querySelectorAll('input[name="color"]')) radio.checked = radio.value === h.color;
    popoverError.hidden = true;
    popover.hidden = false;
    const narrow = matchMedia("(max-width: 640px)").matches;
    popover.classList.toggle("is-sheet", narrow);
    if (!narrow) {
      const rects = marks[marks.length - 1].getClientRects();
      placeBelow(popover, rects[rects.length - 1] ?? marks[0].getBoundingClientRect());
    }
    if (focusNote) form.elements.note.focus();
  }

  function closePopover({ returnFocus = false } = {}) {
    if (popover.hidden) return;
    popover.hidden = true;
    const id = activeId;
    activeId = null;
    if (returnFocus && id) H.marksFor(id, root)[0]?.focus();
  }

  function showPopoverError(message) {
    popoverError.textContent = message;
    popoverError.hidden = false;
  }

  async function updateActive(changes) {
    const id = activeId;
    const h = await api("PATCH", `/api/v1/highlights/${id}`, changes);
    highlights.set(String(h.id), h);
    H.setHighlightColor(h.id, h.color, root);
    decorate(h.id);
    renderList();
    return h;
  }

  form.addEventListener("change", async (event) => {
    if (event.target.name !== "color" || !activeId) return;
    try {
      await updateActive({ color: event.target.value });
    } catch (error) {
      showPopoverError(error.message);
    }
  });

  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!activeId) return;
    try {
      await updateActive({ note: form.elements.note.value, tags: splitTags(form.elements.tags.value) });
      closePopover({ returnFocus: true });
      toast("Highlight saved");
    } catch (error) {
      showPopoverError(error.message);
    }
  });

  popover.querySelector("[data-popover-delete]").addEventListener("click", async () => {
    const id = activeId;
    if (!id) return;
    try {
      await api("DELETE", `/api/v1/highlights/${id}`);
    } catch (error) {
      showPopoverError(error.message);
      return;
    }
    closePopover();
    H.removeHighlight(id, root);
    highlights.delete(id);
    renderList();
    toast("Highlight deleted");
  });

  popover.querySelector("[data-popover-close]").addEventListener("click", () => closePopover({ returnFocus: true }));

  // ---- page tags and read state (the forms also work without this script) ------------------------

  const tagForm = document.getElementById("page-tags");
  tagForm?.addEventListener("submit", async (event) => {
    event.preventDefault();
    try {
      const page = await api("PUT", `/api/v1/pages/${pageId}/tags`, { tags: splitTags(tagForm.elements.tags.value) });
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

  if (!root) {
    renderList();
    return;
  }
  if (!H) {
    toast("The highlighter did not load, so highlights cannot be shown. Reload the page.", true);
    return;
  }

  drawAll();
  renderList();
  if (!flashFromHash()) restoreProgress();
  onScroll();

  let selectionTimer = 0;
  document.addEventListener("selectionchange", () => {
    clearTimeout(selectionTimer);
    selectionTimer = setTimeout(updateButton, 150);
  });
  document.addEventListener("mouseup", () => setTimeout(updateButton, 0));
  document.addEventListener("keyup", (event) => { if (event.shiftKey || event.key === "Shift") updateButton(); });
  button.addEventListener("mousedown", (event) => event.preventDefault()); // keeps the selection
  button.addEventListener("click", createFromSelection);

  root.addEventListener("click", (event) => {
    const id = H.highlightIdAt(event.target);
    if (!id || !getSelection().isCollapsed) return;
    // As in the extension: a highlighted link still works as a link; Alt+click edits it.
    if (event.target.closest("a[href]") && !event.altKey) return;
    event.preventDefault();
    openPopover(id);
  });

  document.addEventListener("keydown", (event) => {
    const target = event.target;
    const typing = target instanceof HTMLElement && target.closest("input, textarea, select, [contenteditable]");
    if (event.key === "Escape") {
      closePopover({ returnFocus: true });
      button.hidden = true;
    } else if ((event.key === "Enter" || event.key === " ") && target instanceof Element && target.matches("mark[data-gloss-highlight]")) {
      event.preventDefault();
      openPopover(target.getAttribute("data-gloss-highlight"), { focusNote: true });
    } else if (!typing && event.key === "h" && !event.ctrlKey && !event.metaKey && !event.altKey && selectionInArticle()) {
      event.preventDefault();
      createFromSelection();
    }
  });

  document.addEventListener("mousedown", (event) => {
    if (!popover.hidden && !popover.contains(event.target) && !H.highlightIdAt(event.target)) closePopover();
  });

  addEventListener("hashchange", flashFromHash);
  addEventListener("scroll", () => requestAnimationFrame(onScroll), { passive: true });
  addEventListener("pagehide", () => saveProgress({ keepalive: true }));
})();
