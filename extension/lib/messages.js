// Every message the extension's parts send each other, and the one switch
// that routes them. A classic script (content scripts load it too); the
// service worker imports it for its side effect.
//
// Content script -> service worker (runtime.sendMessage):
//   {type: "PAGE_OPENED", url}
//       -> {enabled, configured, pageId, highlights: [{id, color, note, tags, status,
//           quote, prefix, suffix, current: {quote, prefix, suffix} | null}]}
//       `enabled` is false on the Gloss server's own pages (no button, no marks).
//   {type: "HIGHLIGHT_CREATE", url, title, quote, prefix, suffix, color}
//       -> {ok: true, highlight} | {ok: false, error}   (saves the page first when needed)
//   {type: "HIGHLIGHT_UPDATE", id, changes: {note?, color?, tags?}}
//       -> {ok: true, highlight} | {ok: false, error}
//   {type: "HIGHLIGHT_DELETE", id} -> {ok: true} | {ok: false, error}
//   {type: "ANCHORING_RESULT", total, missing} -> {ok: true}   (badge shows `missing`)
//   {type: "OPEN_OPTIONS"} -> {ok: true}
//
// Service worker -> content script (tabs.sendMessage):
//   {type: "CAPTURE_PAGE"} -> {url, title, html}
//   {type: "HIGHLIGHT_SELECTION"} -> {ok}         (keyboard shortcut, context menu)
//   {type: "SHOW_MESSAGE", text, level: "error" | "info"} -> {ok: true}
//   {type: "REDRAW"} -> {ok: true}                 (after a save re-anchored the highlights)
(function installGlossMessages() {
  "use strict";
  if (globalThis.GlossMessages) return;

  const TYPES = Object.freeze({
    PAGE_OPENED: "PAGE_OPENED",
    HIGHLIGHT_CREATE: "HIGHLIGHT_CREATE",
    HIGHLIGHT_UPDATE: "HIGHLIGHT_UPDATE",
    HIGHLIGHT_DELETE: "HIGHLIGHT_DELETE",
    ANCHORING_RESULT: "ANCHORING_RESULT",
    OPEN_OPTIONS: "OPEN_OPTIONS",
    CAPTURE_PAGE: "CAPTURE_PAGE",
    HIGHLIGHT_SELECTION: "HIGHLIGHT_SELECTION",
    SHOW_MESSAGE: "SHOW_MESSAGE",
    REDRAW: "REDRAW",
  });

  // `handlers` holds the functions of one side (service worker or content
  // script); a message meant for the other side gets a clear refusal.
  function dispatch(message, sender, handlers) {
    const call = (name) => {
      const handler = handlers[name];
      if (typeof handler !== "function") {
        return { ok: false, error: `Message ${message.type} is not handled here` };
      }
      return handler(message, sender);
    };
    switch (message?.type) {
      case TYPES.PAGE_OPENED: return call("pageOpened");
      case TYPES.HIGHLIGHT_CREATE: return call("createHighlight");
      case TYPES.HIGHLIGHT_UPDATE: return call("updateHighlight");
      case TYPES.HIGHLIGHT_DELETE: return call("deleteHighlight");
      case TYPES.ANCHORING_RESULT: return call("anchoringResult");
      case TYPES.OPEN_OPTIONS: return call("openOptions");
      case TYPES.CAPTURE_PAGE: return call("capturePage");
      case TYPES.HIGHLIGHT_SELECTION: return call("highlightSelection");
      case TYPES.SHOW_MESSAGE: return call("showMessage");
      case TYPES.REDRAW: return call("redraw");
      default:
        return { ok: false, error: `Unknown message type: ${String(message?.type)}` };
    }
  }

  globalThis.GlossMessages = Object.freeze({ TYPES, dispatch });
})();
