// The floating "Highlight" button shown next to a text selection, the popover
// that edits a highlight (note, tags, color, delete), short messages, and the
// one parser of a tag field (GlossUI.parseTags, with the server's limits).
//
// One module for both places that highlight: the extension's content script
// on live pages and the web UI's reader view (served from the Python package,
// see server/web/static/shared). No extension APIs in here: whoever embeds it
// passes callbacks that talk to the server. Everything lives in an open
// shadow root so the page's CSS cannot restyle it and ours cannot leak into
// the page; its styles are a constructed stylesheet, which a page's strict
// Content-Security-Policy (the reader's own) allows where a <style> is refused.
(function installGlossUI(global) {
  "use strict";

  // The palette is highlighter.js's (loaded first wherever this is), read when a
  // popover is built.
  const swatchColors = () => global.GlossHighlighter.SWATCHES;

  const STYLES = `
    :host { all: initial; }
    * { box-sizing: border-box; }
    .layer { position: absolute; top: 0; left: 0; width: 0; height: 0;
      font: 13px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2328; }
    button { font: inherit; cursor: pointer; }
    .highlight-button { position: absolute; display: none; padding: 4px 10px; border: 0;
      border-radius: 6px; background: #1f2328; color: #fff; box-shadow: 0 2px 8px rgba(0,0,0,.25);
      white-space: nowrap; }
    .highlight-button.visible { display: block; }
    .highlight-button:disabled { opacity: .7; cursor: progress; }
    .popover { position: absolute; display: none; width: 280px; padding: 10px; border-radius: 8px;
      background: #fff; border: 1px solid #d0d7de; box-shadow: 0 6px 20px rgba(0,0,0,.2); }
    .popover.visible { display: block; }
    .colors { display: flex; gap: 6px; margin-bottom: 8px; }
    .swatch { width: 22px; height: 22px; border-radius: 50%; border: 2px solid transparent; padding: 0; }
    .swatch[aria-pressed="true"] { border-color: #1f2328; }
    label { display: block; margin: 6px 0 2px; font-weight: 600; }
    textarea, input { width: 100%; font: inherit; padding: 4px 6px; border: 1px solid #d0d7de;
      border-radius: 4px; color: inherit; background: #fff; }
    textarea { min-height: 60px; resize: vertical; }
    .row { display: flex; gap: 6px; margin-top: 8px; align-items: center; }
    .spacer { flex: 1; }
    .row button { padding: 4px 10px; border-radius: 4px; border: 1px solid #d0d7de; background: #f6f8fa; }
    .row .primary { background: #1f6feb; border-color: #1f6feb; color: #fff; }
    .row .danger { color: #cf222e; }
    .status { min-height: 1em; margin: 6px 0 0; color: #cf222e; }
    .messages { position: fixed; bottom: 16px; right: 16px; display: flex; flex-direction: column;
      gap: 8px; max-width: 360px; }
    .message { display: flex; gap: 8px; align-items: flex-start; padding: 10px 12px; border-radius: 8px;
      background: #fff; border-left: 4px solid #1f6feb; box-shadow: 0 4px 16px rgba(0,0,0,.2); }
    .message.error { border-left-color: #cf222e; }
    .message .text { flex: 1; }
    .message button { border: 0; background: none; padding: 0 2px; }
    .message .action { color: #1f6feb; text-decoration: underline; }
    button:focus-visible, textarea:focus-visible, input:focus-visible { outline: 2px solid #1f6feb; outline-offset: 1px; }
    @media (prefers-color-scheme: dark) {
      .layer { color: #e6e6e6; }
      .popover, .message, textarea, input { background: #22252a; border-color: #454b54; color: #e6e6e6; }
      .row button { background: #2d3138; border-color: #454b54; color: #e6e6e6; }
      .row .danger, .status { color: #ff8a80; }
      .swatch[aria-pressed="true"] { border-color: #fff; }
      .highlight-button { background: #f1efe9; color: #15171a; }
    }
    /* A phone: the popover is a sheet along the bottom, messages span the width. */
    @media (max-width: 640px) {
      .popover.visible { position: fixed; left: 0 !important; right: 0; top: auto !important; bottom: 0;
        width: auto; padding: 14px 16px 18px; border-radius: 14px 14px 0 0; }
      .swatch { width: 30px; height: 30px; }
      .row button { padding: 8px 14px; }
      .messages { left: 12px; right: 12px; max-width: none; }
    }
  `;

  const MESSAGE_SECONDS = { info: 6, error: 15 };

  function element(doc, tag, attributes = {}, text = "") {
    const node = doc.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
    if (text) node.textContent = text;
    return node;
  }

  function isEditable(node) {
    const el = node?.nodeType === 1 ? node : node?.parentElement;
    return Boolean(el?.closest?.("input, textarea, select, [contenteditable=''], [contenteditable='true']"));
  }

  // ---- tags: the one way a tag field becomes tags (the popover, the reader's and the
  // review's forms), with the server's rules, so that what is shown is what is stored.
  // schema/tag-vectors.json holds the cases, run here and against the server.

  // Names and counts the server refuses (server/limits.py: MAX_TAG, MAX_TAGS).
  const MAX_TAG_CHARACTERS = 100;
  const MAX_TAGS = 100;
  // The whitespace of Python's str.split(): the server folds each run of it to one space.
  const WHITESPACE = /[\t-\r\x1c-\x20\x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;

  const foldSpaces = (name) => name.replace(WHITESPACE, " ").replace(/^ | $/g, "");
  // The server tells tags apart by their casefolded name. Lower-casing never joins two
  // names that casefolding keeps apart (upper-casing first would join "ı" and "i"); the
  // few it leaves apart ("ß" and "ss") the server joins when it stores them.
  const tagKey = (name) => name.toLowerCase();

  // Commas separate tags (a tag may hold spaces: "machine learning"); each name is
  // trimmed and its inner whitespace folded; empty entries are dropped; a name that
  // differs from an earlier one only in case is the same tag (the first spelling stays).
  function parseTags(value) {
    const seen = new Set();
    const tags = [];
    for (const part of String(value ?? "").split(",")) {
      const name = foldSpaces(part);
      if (!name || seen.has(tagKey(name))) continue;
      seen.add(tagKey(name));
      tags.push(name);
    }
    return tags;
  }

  // Why the server would refuse these tags (a sentence), or null: refused here instead,
  // never shortened.
  function tagProblem(tags) {
    if (tags.length > MAX_TAGS) return `At most ${MAX_TAGS} tags are allowed, not ${tags.length}.`;
    for (const name of tags) {
      const characters = Array.from(name).length; // code points, as the server counts
      if (characters > MAX_TAG_CHARACTERS) {
        const start = Array.from(name).slice(0, 20).join("");
        return `A tag has at most ${MAX_TAG_CHARACTERS} characters; “${start}…” has ${characters}.`;
      }
      if (name.includes("\0") || !name.isWellFormed()) return "A tag holds a character that cannot be stored.";
    }
    return null;
  }

  function adoptStyles(doc, shadow) {
    try {
      const sheet = new (doc.defaultView ?? global).CSSStyleSheet();
      sheet.replaceSync(STYLES);
      shadow.adoptedStyleSheets = [sheet];
      if (shadow.adoptedStyleSheets.length === 1) return;
    } catch {
      // No constructed stylesheets here (or not across a content script's boundary).
    }
    shadow.append(element(doc, "style", {}, STYLES));
  }

  // options: {
  //   document,                       the page (defaults to the global one)
  //   onHighlight(range) -> Promise   create a highlight from the selection; reject with an Error to show its message
  //   getHighlight(id) -> {note, tags, color} | null
  //   onUpdate(id, changes) -> Promise    changes: {note, tags} or {color}
  //   onDelete(id) -> Promise
  //   canHighlight(range) -> boolean  optional extra filter
  //   highlightKey                    optional key (e.g. "h") that highlights the selection
  // }
  // When onHighlight resolves to a highlight id, the popover opens on it so a
  // note can follow at once. A mark that has keyboard focus opens it with Enter.
  function create(options) {
    const doc = options.document ?? global.document;
    const view = doc.defaultView ?? global;
    const host = element(doc, "gloss-ui", { "data-gloss-ui": "" });
    host.style.setProperty("position", "absolute", "important");
    host.style.setProperty("top", "0", "important");
    host.style.setProperty("left", "0", "important");
    host.style.setProperty("width", "0", "important");
    host.style.setProperty("height", "0", "important");
    host.style.setProperty("z-index", "2147483647", "important");
    const shadow = host.attachShadow({ mode: "open" });
    adoptStyles(doc, shadow);
    const layer = element(doc, "div", { class: "layer" });
    shadow.append(layer);

    const button = element(doc, "button", {
      type: "button",
      class: "highlight-button",
      "data-gloss-action": "highlight",
      title: "Highlight with Gloss",
    }, "Highlight");
    const popover = buildPopover(doc);
    popover.root.setAttribute("data-gloss-popover", "");
    const messages = element(doc, "div", { class: "messages" });
    layer.append(button, popover.root, messages);

    let selectedRange = null;
    let openHighlightId = null;
    let selectionTimer = null;

    const attach = () => {
      if (!host.isConnected) (doc.documentElement ?? doc.body).append(host);
    };

    function hideButton() {
      selectedRange = null;
      button.classList.remove("visible");
    }

    // Below `rect` (above it when there is no room), inside the viewport.
    // `node` must already be displayed so that its size is known.
    function placeNear(node, rect, anchorX, gap = 6) {
      const viewWidth = doc.documentElement.clientWidth || view.innerWidth;
      const viewHeight = doc.documentElement.clientHeight || view.innerHeight;
      const left = Math.min(Math.max(anchorX, 4), viewWidth - node.offsetWidth - 4);
      const below = rect.bottom + gap;
      const top = below + node.offsetHeight > viewHeight && rect.top - gap - node.offsetHeight >= 0
        ? rect.top - gap - node.offsetHeight
        : below;
      node.style.left = `${Math.max(left, 4) + view.scrollX}px`;
      node.style.top = `${top + view.scrollY}px`;
    }

    function currentSelectionRange() {
      const selection = doc.getSelection();
      if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
      const range = selection.getRangeAt(0);
      if (!range.toString().trim()) return null;
      if (host.contains(range.commonAncestorContainer) || isEditable(range.commonAncestorContainer)) return null;
      if (options.canHighlight && !options.canHighlight(range)) return null;
      return range;
    }

    function updateButton() {
      if (button.disabled) return;
      const range = currentSelectionRange();
      if (!range) {
        hideButton();
        return;
      }
      const rects = range.getClientRects();
      const rect = rects.length ? rects[rects.length - 1] : range.getBoundingClientRect();
      selectedRange = range.cloneRange();
      attach();
      button.classList.add("visible");
      placeNear(button, rect, rect.right - button.offsetWidth / 2);
    }

    const fromOurUi = (event) => event.composedPath().includes(host);

    function onPointerOrKey(event) {
      if (fromOurUi(event) || (event.type === "keyup" && event.key === "Escape")) return;
      updateButton();
    }

    function onKeyDown(event) {
      const target = event.composedPath()[0];
      if (event.key === "Escape") {
        const wasOpen = openHighlightId != null;
        hideButton();
        closePopover({ returnFocus: wasOpen });
        return;
      }
      if (fromOurUi(event) || event.ctrlKey || event.metaKey || event.altKey) return;
      const mark = target?.matches?.("mark[data-gloss-highlight]") ? target : null;
      if (mark && (event.key === "Enter" || event.key === " ")) {
        event.preventDefault();
        openPopoverOn(mark.getAttribute("data-gloss-highlight"), { focusNote: true });
      } else if (options.highlightKey && event.key === options.highlightKey && !isEditable(target)) {
        const range = currentSelectionRange();
        if (!range) return;
        event.preventDefault();
        highlightSelection(range.cloneRange());
      }
    }

    function onSelectionChange() {
      view.clearTimeout(selectionTimer);
      selectionTimer = view.setTimeout(updateButton, 150);
    }

    // Keep the selection alive when the button is pressed.
    button.addEventListener("mousedown", (event) => event.preventDefault());
    async function highlightSelection(range = selectedRange) {
      if (!range || button.disabled) return;
      button.disabled = true;
      button.textContent = "Saving…";
      let id = null;
      try {
        id = await options.onHighlight(range);
        doc.getSelection()?.removeAllRanges();
      } catch (error) {
        showMessage(error?.message ?? String(error), "error");
      } finally {
        button.disabled = false;
        button.textContent = "Highlight";
        hideButton();
      }
      if (id != null) openPopoverOn(id);
    }
    button.addEventListener("click", () => highlightSelection());

    const marksOf = (id) =>
      Array.from(doc.querySelectorAll("mark[data-gloss-highlight]")).filter(
        (mark) => mark.getAttribute("data-gloss-highlight") === String(id),
      );

    // Opens the popover below the last line of the highlight's marks.
    function openPopoverOn(id, { focusNote = false } = {}) {
      const marks = marksOf(id);
      if (!marks.length) return;
      const rects = marks[marks.length - 1].getClientRects();
      openPopover(String(id), rects[rects.length - 1] ?? marks[0].getBoundingClientRect(), { focusNote });
    }

    function openPopover(id, rect, { focusNote = true } = {}) {
      const highlight = options.getHighlight?.(id);
      if (!highlight) return;
      openHighlightId = id;
      popover.fill(highlight);
      popover.status.textContent = "";
      attach();
      popover.root.classList.add("visible");
      placeNear(popover.root, rect, rect.left);
      // On a phone the popover is a sheet; focusing the note would cover it with the keyboard.
      if (focusNote && !view.matchMedia?.("(max-width: 640px)").matches) popover.note.focus();
    }

    // Back to the highlight's first mark when it can take focus (the reader's can).
    function closePopover({ returnFocus = false } = {}) {
      const id = openHighlightId;
      openHighlightId = null;
      popover.root.classList.remove("visible");
      popover.status.textContent = "";
      if (returnFocus && id != null) {
        const first = marksOf(id)[0];
        if (first && first.tabIndex >= 0) first.focus();
      }
    }

    async function runPopoverAction(action) {
      const id = openHighlightId;
      if (id == null) return;
      popover.status.textContent = "";
      try {
        await action(id);
      } catch (error) {
        popover.status.textContent = error?.message ?? String(error);
      }
    }

    popover.onColor((color) =>
      runPopoverAction(async (id) => {
        await options.onUpdate(id, { color });
        popover.setColor(color);
      }),
    );
    popover.onSave(() =>
      runPopoverAction(async (id) => {
        const tags = parseTags(popover.tags.value);
        const problem = tagProblem(tags);
        if (problem) {
          popover.status.textContent = problem;
          popover.tags.focus();
          return;
        }
        await options.onUpdate(id, { note: popover.note.value, tags });
        closePopover({ returnFocus: true });
      }),
    );
    popover.onDelete(() =>
      runPopoverAction(async (id) => {
        await options.onDelete(id);
        closePopover();
      }),
    );
    popover.onClose(() => closePopover({ returnFocus: true }));

    function onClick(event) {
      if (fromOurUi(event)) return;
      const mark = event.target?.closest?.("mark[data-gloss-highlight]");
      if (!mark) {
        if (openHighlightId != null) closePopover();
        return;
      }
      // A highlighted link still works as a link; Alt+click edits the highlight.
      if (mark.closest("a[href]") && !event.altKey) return;
      if (!doc.getSelection()?.isCollapsed) return;
      event.preventDefault();
      openPopover(mark.getAttribute("data-gloss-highlight"), mark.getBoundingClientRect());
    }

    function showMessage(text, level = "info", action = null) {
      attach();
      const box = element(doc, "div", { class: `message ${level}`, role: "alert", "data-gloss-message": level });
      box.append(element(doc, "span", { class: "text" }, text));
      if (action) {
        const link = element(doc, "button", { type: "button", class: "action" }, action.label);
        link.addEventListener("click", () => action.run());
        box.append(link);
      }
      const close = element(doc, "button", { type: "button", class: "close", "aria-label": "Close" }, "×");
      close.addEventListener("click", () => box.remove());
      box.append(close);
      messages.append(box);
      view.setTimeout(() => box.remove(), (MESSAGE_SECONDS[level] ?? 8) * 1000);
    }

    attach();
    doc.addEventListener("mouseup", onPointerOrKey);
    doc.addEventListener("keyup", onPointerOrKey);
    doc.addEventListener("selectionchange", onSelectionChange);
    doc.addEventListener("click", onClick);
    doc.addEventListener("keydown", onKeyDown);

    return Object.freeze({
      showMessage,
      hideButton,
      closePopover,
      openPopover: openPopoverOn,
      // The current selection as a Range, or null (keyboard shortcut, context menu).
      selectionRange: () => currentSelectionRange()?.cloneRange() ?? null,
      destroy() {
        doc.removeEventListener("mouseup", onPointerOrKey);
        doc.removeEventListener("keyup", onPointerOrKey);
        doc.removeEventListener("selectionchange", onSelectionChange);
        doc.removeEventListener("click", onClick);
        doc.removeEventListener("keydown", onKeyDown);
        host.remove();
      },
    });
  }

  function buildPopover(doc) {
    const root = element(doc, "div", { class: "popover", role: "dialog", "aria-label": "Edit highlight" });
    const colors = element(doc, "div", { class: "colors", role: "group", "aria-label": "Color" });
    const swatches = Object.keys(swatchColors()).map((name) => {
      const swatch = element(doc, "button", {
        type: "button",
        class: "swatch",
        "data-gloss-color": name,
        title: name[0].toUpperCase() + name.slice(1),
        "aria-pressed": "false",
      });
      swatch.style.background = swatchColors()[name];
      return swatch;
    });
    colors.append(...swatches);
    const note = element(doc, "textarea", { "data-gloss-field": "note", rows: "3" });
    const tags = element(doc, "input", { "data-gloss-field": "tags", placeholder: "tag, another tag" });
    const noteLabel = element(doc, "label", {}, "Note");
    noteLabel.append(note);
    const tagsLabel = element(doc, "label", {}, "Tags");
    tagsLabel.append(tags);
    const remove = element(doc, "button", { type: "button", class: "danger", "data-gloss-action": "delete" }, "Delete");
    const cancel = element(doc, "button", { type: "button", "data-gloss-action": "close" }, "Cancel");
    const save = element(doc, "button", { type: "button", class: "primary", "data-gloss-action": "save" }, "Save");
    const row = element(doc, "div", { class: "row" });
    row.append(remove, element(doc, "span", { class: "spacer" }), cancel, save);
    const status = element(doc, "p", { class: "status", role: "status" });
    root.append(colors, noteLabel, tagsLabel, row, status);

    const setColor = (color) => {
      for (const swatch of swatches) {
        swatch.setAttribute("aria-pressed", String(swatch.getAttribute("data-gloss-color") === color));
      }
    };
    return {
      root,
      note,
      tags,
      status,
      setColor,
      fill(highlight) {
        note.value = highlight.note ?? "";
        tags.value = (highlight.tags ?? []).join(", ");
        setColor(highlight.color ?? global.GlossHighlighter.DEFAULT_COLOR);
      },
      onColor: (listener) =>
        swatches.forEach((swatch) =>
          swatch.addEventListener("click", () => listener(swatch.getAttribute("data-gloss-color"))),
        ),
      onSave: (listener) => save.addEventListener("click", listener),
      onDelete: (listener) => remove.addEventListener("click", listener),
      onClose: (listener) => cancel.addEventListener("click", listener),
    };
  }

  global.GlossUI = Object.freeze({ create, parseTags, tagProblem });
})(globalThis);
