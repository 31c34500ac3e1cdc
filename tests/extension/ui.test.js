// content/ui.js outside a page: its one tag parser, and that the reader view
// uses this module instead of a floating button and popover of its own.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { loadClassicScript, plain, ROOT } from "./support.js";

const { GlossUI } = loadClassicScript("content/ui.js");

test("parseTags trims, drops empty entries and keeps each tag once, in order", () => {
  assert.deepEqual(plain(GlossUI.parseTags(" ai, chips ,, ai,  policy ,")), ["ai", "chips", "policy"]);
  assert.deepEqual(plain(GlossUI.parseTags("")), []);
  assert.deepEqual(plain(GlossUI.parseTags(" , ")), []);
  assert.deepEqual(plain(GlossUI.parseTags("Mixed Case, mixed case")), ["Mixed Case", "mixed case"]);
});

test("the reader view builds on GlossUI and parses tags with it", () => {
  const reader = readFileSync(`${ROOT}server/web/static/reader.js`, "utf8");
  assert.match(reader, /GlossUI/);
  assert.match(reader, /UI\.parseTags\(/);
  assert.doesNotMatch(reader, /split\(\s*["'],["']\s*\)/, "a second tag parser");
  assert.doesNotMatch(reader, /selectionchange|getClientRects/, "a second selection tracker or button placement");
});
