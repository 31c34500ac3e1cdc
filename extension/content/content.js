// The extension's content script: joins the highlighter, the floating UI and
// the service worker. Runs after lib/browser.js, lib/messages.js,
// content/highlighter.js, content/ui.js and content/capture.js (manifest order).
//
// It asks the service worker for the page's saved highlights and draws them,
// retrying for a while on pages whose text arrives late, then reports how
// many it could not find (the badge shows that count).
(function startGlossContent() {
  "use strict";
  if (window.top !== window || globalThis.GlossContentStarted) return;
  globalThis.GlossContentStarted = true;

  const ext = globalThis.GlossBrowser;
  const Highlighter = globalThis.GlossHighlighter;
  const { TYPES, dispatch } = globalThis.GlossMessages;

  // Late content (single-page apps, lazy loading) gets this long to show up.
  const RETRY_WINDOW_MS = 10_000;
  const RETRY_DELAYS_MS = [250, 500, 1000, 2000, 4000];
  const URL_CHECK_MS = 1000;
  const SETTINGS_KINDS = new Set(["not_configured", "unauthorized"]);

  const highlights = new Map(); // id (string) -> highlight as the server sent it
  let ui = null;
  let pending = [];
  let total = 0;
  let observer = null;
  let retryTimer = null;
  let retryDeadline = 0;
  let retryStep = 0;
  let generation = 0;
  let pageUrl = location.href;

  const root = () => document.body ?? document.documentElement;

  class ExtensionError extends Error {
    constructor(message, kind) {
      super(message);
      this.kind = kind;
    }
  }

  async function request(message) {
    const answer = await ext.runtime.sendMessage(message);
    if (!answer?.ok) throw new ExtensionError(answer?.error ?? "Gloss did not answer.", answer?.kind);
    return answer;
  }

  function showError(error) {
    const action = SETTINGS_KINDS.has(error?.kind)
      ? { label: "Open Gloss settings", run: () => ext.runtime.sendMessage({ type: TYPES.OPEN_OPTIONS }) }
      : null;
    ensureUi().showMessage(error?.message ?? String(error), "error", action);
  }

  const selectorsOf = (highlight) =>
    [highlight.current, { quote: highlight.quote, prefix: highlight.prefix, suffix: highlight.suffix }]
      .filter((selector) => selector?.quote);

  // --- Creating and editing ---------------------------------------------------

  async function highlightRange(range) {
    const described = Highlighter.describeRange(root(), range);
    if (!described) return;
    try {
      const { highlight } = await request({
        type: TYPES.HIGHLIGHT_CREATE,
        url: location.href,
        title: document.title,
        quote: described.quote,
        prefix: described.prefix,
        suffix: described.suffix,
        color: Highlighter.DEFAULT_COLOR,
      });
      const id = String(highlight.id);
      highlights.set(id, highlight);
      // The selection's range may have been emptied by a page script meanwhile.
      const target =
        described.range && !described.range.collapsed
          ? described.range
          : Highlighter.findQuote(root(), described);
      if (target) Highlighter.drawHighlight(root(), target, { id, color: highlight.color });
    } catch (error) {
      showError(error);
    }
  }

  async function updateHighlight(id, changes) {
    const { highlight } = await request({ type: TYPES.HIGHLIGHT_UPDATE, id, changes });
    highlights.set(String(id), { ...highlights.get(String(id)), ...highlight });
    if (changes.color) Highlighter.setHighlightColor(id, highlight.color ?? changes.color, document);
  }

  async function deleteHighlight(id) {
    await request({ type: TYPES.HIGHLIGHT_DELETE, id });
    Highlighter.removeHighlight(id, document);
    highlights.delete(String(id));
  }

  function ensureUi() {
    ui ??= globalThis.GlossUI.create({
      document,
      onHighlight: highlightRange,
      getHighlight: (id) => highlights.get(String(id)) ?? null,
      onUpdate: updateHighlight,
      onDelete: deleteHighlight,
    });
    return ui;
  }

  // --- Drawing saved highlights ----------------------------------------------

  function stopRetrying() {
    observer?.disconnect();
    observer = null;
    clearTimeout(retryTimer);
    retryTimer = null;
  }

  function report() {
    ext.runtime
      .sendMessage({ type: TYPES.ANCHORING_RESULT, total, missing: pending.length })
      .catch(() => {});
  }

  function drawPending() {
    if (!pending.length) return;
    const items = pending.map((highlight) => ({
      id: String(highlight.id),
      color: highlight.color,
      selectors: selectorsOf(highlight),
    }));
    const { missing } = Highlighter.anchorAll(root(), items);
    pending = missing.map((item) => highlights.get(item.id));
    observer?.takeRecords(); // our own marks are not new page content
  }

  function retry() {
    retryTimer = null;
    drawPending();
    if (!pending.length || Date.now() >= retryDeadline) {
      stopRetrying();
      report();
      return;
    }
    const delay = RETRY_DELAYS_MS[Math.min(retryStep++, RETRY_DELAYS_MS.length - 1)];
    scheduleRetry(Math.min(delay, Math.max(0, retryDeadline - Date.now())));
  }

  function scheduleRetry(delay) {
    clearTimeout(retryTimer);
    retryTimer = setTimeout(retry, delay);
  }

  function startRetrying() {
    retryDeadline = Date.now() + RETRY_WINDOW_MS;
    retryStep = 0;
    observer = new MutationObserver(() => scheduleRetry(300));
    observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
    scheduleRetry(RETRY_DELAYS_MS[retryStep++]);
  }

  function clearMarks() {
    for (const id of highlights.keys()) Highlighter.removeHighlight(id, document);
    highlights.clear();
  }

  async function loadHighlights() {
    const current = ++generation;
    stopRetrying();
    let state;
    try {
      state = await ext.runtime.sendMessage({ type: TYPES.PAGE_OPENED, url: location.href });
    } catch {
      return; // the extension was reloaded or updated under this page
    }
    if (current !== generation) return;
    if (!state?.enabled) {
      ui?.destroy();
      ui = null;
      clearMarks();
      return;
    }
    ensureUi();
    clearMarks();
    for (const highlight of state.highlights ?? []) highlights.set(String(highlight.id), highlight);
    pending = [...highlights.values()];
    total = pending.length;
    drawPending();
    if (pending.length) startRetrying();
    else report();
  }

  // Single-page apps change the URL without loading a new document.
  setInterval(() => {
    if (location.href === pageUrl) return;
    pageUrl = location.href;
    loadHighlights();
  }, URL_CHECK_MS);

  // --- Messages from the service worker ---------------------------------------

  const handlers = {
    capturePage: () => globalThis.GlossCapture.snapshot(document),
    highlightSelection: async () => {
      const range = ensureUi().selectionRange();
      if (!range) {
        ensureUi().showMessage("Select the text you want to highlight first.", "info");
        return { ok: false, error: "Nothing is selected." };
      }
      await highlightRange(range);
      document.getSelection()?.removeAllRanges();
      return { ok: true };
    },
    showMessage: (message) => {
      if (message.level === "error") showError(new ExtensionError(message.text, message.kind));
      else ensureUi().showMessage(message.text, message.level ?? "info");
      return { ok: true };
    },
    redraw: () => {
      loadHighlights();
      return { ok: true };
    },
  };
  ext.runtime.onMessage((message, sender) => dispatch(message, sender, handlers));

  loadHighlights();
})();
