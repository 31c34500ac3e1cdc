import assert from "node:assert/strict";
import { test } from "node:test";
import { loadClassicScript, plain } from "./support.js";

const { GlossMessages: M } = loadClassicScript("lib/messages.js");

const HANDLER_OF = {
  PAGE_OPENED: "pageOpened",
  HIGHLIGHT_CREATE: "createHighlight",
  HIGHLIGHT_UPDATE: "updateHighlight",
  HIGHLIGHT_DELETE: "deleteHighlight",
  ANCHORING_RESULT: "anchoringResult",
  OPEN_OPTIONS: "openOptions",
  CAPTURE_PAGE: "capturePage",
  HIGHLIGHT_SELECTION: "highlightSelection",
  SHOW_MESSAGE: "showMessage",
  REDRAW: "redraw",
};

test("every message type is routed to its handler with the message and sender", () => {
  assert.deepEqual([...Object.keys(M.TYPES)].sort(), Object.keys(HANDLER_OF).sort());
  for (const [type, name] of Object.entries(HANDLER_OF)) {
    const seen = [];
    const handlers = {
      [name]: (message, sender) => {
        seen.push([message, sender]);
        return "answer";
      },
    };
    const message = { type, extra: 1 };
    assert.equal(M.dispatch(message, { tab: { id: 3 } }, handlers), "answer");
    assert.deepEqual(seen, [[message, { tab: { id: 3 } }]]);
  }
});

test("a message for the other side or of an unknown type gets a clear refusal", () => {
  assert.deepEqual(plain(M.dispatch({ type: "CAPTURE_PAGE" }, {}, {})), {
    ok: false,
    error: "Message CAPTURE_PAGE is not handled here",
  });
  assert.deepEqual(plain(M.dispatch({ type: "NOPE" }, {}, {})), { ok: false, error: "Unknown message type: NOPE" });
  assert.equal(M.dispatch(undefined, {}, {}).ok, false);
});
