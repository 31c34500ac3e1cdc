// schema/anchoring-vectors.json: the cases server/anchoring/locate.py's locate()
// runs, run through the highlighter's normalize + matching, so that the
// Python and JavaScript sides agree on what a quote and its context match.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { loadClassicScript, plain, ROOT } from "./support.js";

const { GlossHighlighter: H } = loadClassicScript("content/highlighter.js");
const VECTORS = JSON.parse(readFileSync(`${ROOT}schema/anchoring-vectors.json`, "utf8"));

// The vectors count offsets in code points (Python); JavaScript strings in
// UTF-16 units.
const toUnits = (text, offset) => Array.from(text).slice(0, offset).join("").length;
const toCodePoints = (text, index) => Array.from(text.slice(0, index)).length;

describe("shared anchoring vectors", () => {
  test("there are cases to run", () => {
    assert.ok(Array.isArray(VECTORS) && VECTORS.length > 0);
  });

  for (const vector of VECTORS) {
    test(vector.name, () => {
      const { text } = vector;
      const selector = {
        quote: vector.quote,
        prefix: vector.prefix ?? "",
        suffix: vector.suffix ?? "",
        start: vector.start == null ? null : toUnits(text, vector.start),
        end: vector.end == null ? null : toUnits(text, vector.end),
      };
      const found = plain(H.locate(text, selector));
      const got = found && [toCodePoints(text, found.start), toCodePoints(text, found.end)];
      assert.deepEqual(got, vector.expected);
    });
  }
});
