// content/ui.js outside a page: its one tag parser, run through the cases in
// schema/tag-vectors.json (which the server's tag field meets too, in
// tests/web/test_reader.py), and that the web UI's scripts use this module
// instead of a floating button, popover or tag parser of their own.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { loadClassicScript, plain, ROOT } from "./support.js";

const { GlossUI } = loadClassicScript("content/ui.js");
const VECTORS = JSON.parse(readFileSync(`${ROOT}schema/tag-vectors.json`, "utf8"));

describe("shared tag vectors", () => {
  test("there are cases to run, refused ones among them", () => {
    assert.ok(VECTORS.length > 0 && VECTORS.some((vector) => vector.refused));
  });

  for (const vector of VECTORS) {
    test(vector.name, () => {
      const tags = plain(GlossUI.parseTags(vector.field));
      assert.deepEqual(tags, vector.tags);
      const problem = GlossUI.tagProblem(tags);
      assert.equal(problem !== null, vector.refused, problem ?? "no problem found");
    });
  }
});

test("tagProblem says what is wrong in a sentence", () => {
  assert.equal(GlossUI.tagProblem(["a"]), null);
  assert.match(GlossUI.tagProblem([`${"x".repeat(100)}y`]), /^A tag has at most 100 characters; “x{20}…” has 101\.$/);
  assert.equal(GlossUI.tagProblem(Array.from({ length: 101 }, (_, i) => `t${i}`)), "At most 100 tags are allowed, not 101.");
  assert.equal(GlossUI.tagProblem(["a\ud800"]), "A tag holds a character that cannot be stored.");
});

test("parseTags takes what is not a string as an empty field", () => {
  assert.deepEqual(plain(GlossUI.parseTags(undefined)), []);
  assert.deepEqual(plain(GlossUI.parseTags(null)), []);
});

for (const script of ["reader.js", "review.js"]) {
  test(`the web UI's ${script} parses tag fields with GlossUI`, () => {
    const source = readFileSync(`${ROOT}server/web/static/${script}`, "utf8");
    assert.match(source, /\.parseTags\(/);
    assert.match(source, /\.tagProblem\(/);
    assert.doesNotMatch(source, /split\(\s*["'],["']\s*\)/, "a second tag parser");
  });
}

test("the reader view builds on GlossUI's button and popover", () => {
  const reader = readFileSync(`${ROOT}server/web/static/reader.js`, "utf8");
  assert.match(reader, /UI\.create\(/);
  assert.doesNotMatch(reader, /selectionchange|getClientRects/, "a second selection tracker or button placement");
});
