// The string side of content/highlighter.js: the normalization rule and
// quote matching. The DOM side runs in Chromium (tests/browser).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { loadClassicScript, plain } from "./support.js";

const { GlossHighlighter: H } = loadClassicScript("content/highlighter.js");

describe("normalize", () => {
  test("collapses every kind of whitespace run into one space", () => {
    const input = "a \u00a0\t\n b\u2000\u200a\u202f\u205f\u3000c\r\nd";
    assert.equal(H.normalize(input).text, "a b c d");
  });

  test("deletes soft hyphens and zero-width characters, even inside whitespace runs", () => {
    assert.equal(H.normalize("co\u00adop\u200ber\u200ca\u200dti\u2060o\ufeffn").text, "cooperation");
    assert.equal(H.normalize("a \u200b b").text, "a b");
  });

  test("maps quotes, dashes and the ellipsis", () => {
    assert.equal(H.normalize("\u2018a\u2019 \u201ab\u201b \u2032c` ").text, "'a' 'b' 'c' ");
    assert.equal(H.normalize("\u201cq\u201d \u201er\u201f \u2033 \u00abs\u00bb").text, '"q" "r" " "s"');
    assert.equal(H.normalize("1\u20102\u20113\u20124\u20135\u20146\u20157\u22128").text, "1-2-3-4-5-6-7-8");
    assert.equal(H.normalize("wait\u2026").text, "wait...");
  });

  test("keeps case and does not apply NFKC", () => {
    assert.equal(H.normalize("Ｆｕｌｌ ﬁ Café").text, "Ｆｕｌｌ ﬁ Café");
  });

  test("maps every normalized character back to the original index", () => {
    const input = "a\u00ad  \u201cb\u2026\u201d";
    const { text, map } = H.normalize(input);
    assert.equal(text, 'a "b..."');
    assert.deepEqual(plain(map), [0, 2, 4, 5, 6, 6, 6, 7]);
    assert.equal(map.length, text.length);
  });
});

describe("locate", () => {
  const text = "The cat sat. The cat ran \u2014 far away. The cat slept.";

  test("returns offsets into the original text", () => {
    const found = H.locate(text, { quote: "cat ran - far" });
    assert.deepEqual(plain(found), { start: 17, end: 30 });
    assert.equal(text.slice(found.start, found.end), "cat ran \u2014 far");
  });

  test("uses the context to choose between occurrences", () => {
    const last = H.locate(text, { quote: "The cat", prefix: "far away. ", suffix: " slept" });
    assert.equal(last.start, text.lastIndexOf("The cat"));
    const middle = H.locate(text, { quote: "The cat", prefix: "sat.", suffix: "ran" });
    assert.equal(middle.start, text.indexOf("The cat", 1));
  });

  test("takes the first occurrence when the context does not help", () => {
    assert.equal(H.locate(text, { quote: "The cat", prefix: "zzz", suffix: "yyy" }).start, 0);
  });

  test("ignores whitespace around the quote and differences inside it", () => {
    const found = H.locate("one\n\ntwo  three", { quote: "  two three\n" });
    assert.deepEqual(plain(found), { start: 5, end: 15 });
  });

  test("ignores spaces only as a last resort", () => {
    assert.deepEqual(plain(H.locate("the boldclaim is here", { quote: "bold claim" })), { start: 4, end: 13 });
    const text = "foo bar and foobar";
    assert.deepEqual(plain(H.locate(text, { quote: "foo bar" })), { start: 0, end: 7 });
    assert.deepEqual(plain(H.locate("x foobar", { quote: "foo bar" })), { start: 2, end: 8 });
  });

  test("offsets holding the quote win, otherwise they break ties", () => {
    assert.deepEqual(plain(H.locate("x y x y", { quote: "x y", start: 4, end: 7 })), { start: 4, end: 7 });
    assert.deepEqual(plain(H.locate("ab ab ab", { quote: "ab", start: 5, end: 7 })), { start: 6, end: 8 });
  });

  test("returns null for a missing or empty quote", () => {
    assert.equal(H.locate(text, { quote: "dog" }), null);
    assert.equal(H.locate(text, { quote: " \n " }), null);
  });

  test("matches straight quotes on the page against curly ones in the text", () => {
    const article = "He said \u201cno\u201d \u2026 and left";
    const found = H.locate(article, { quote: '"no" ... and' });
    assert.equal(article.slice(found.start, found.end), "\u201cno\u201d \u2026 and");
  });
});

describe("wholeWords", () => {
  const span = (text, quote, from = 0) => {
    const start = text.indexOf(quote, from);
    return [start, start + quote.length];
  };
  const grown = (text, [start, end], locale) => {
    const found = H.wholeWords(text, start, end, locale);
    return text.slice(found.start, found.end);
  };

  test("a selection cut inside a word at either end takes the whole word", () => {
    const text = "the real learning curve involves patience";
    assert.equal(grown(text, span(text, "al learning curve invo")), "real learning curve involves");
    assert.equal(grown(text, span(text, "earn")), "learning");
  });

  test("a selection on word edges, or on spaces and punctuation, is left as it is", () => {
    const text = "One, two; three.";
    for (const quote of ["One", "two", ", two;", "three."]) assert.equal(grown(text, span(text, quote)), quote);
  });

  test("apostrophes, numbers and soft hyphens stay inside their word; hyphens and dashes do not", () => {
    const text = "It doesn\u2019t matter: 3.25 per cent, a well-known co\u00adoperation \u2014 surely";
    assert.equal(grown(text, span(text, "oesn")), "doesn\u2019t");
    assert.equal(grown(text, span(text, ".2")), "3.25");
    assert.equal(grown(text, span(text, "known")), "known");
    assert.equal(grown(text, span(text, "op")), "co\u00adoperation");
    assert.equal(grown(text, span(text, "\u2014 sur")), "\u2014 surely");
  });

  test("scripts written without spaces grow to a word, not to the whole sentence", () => {
    const text = "我们今天去图书馆看书。";
    const result = grown(text, span(text, "书"), "zh");
    assert.ok(result.length < text.length - 1, result);
    assert.ok(result.includes("书"));
  });

  test("block and line breaks of the text model end words", () => {
    const text = "first paragraph\u2029second line\u2028third";
    assert.equal(grown(text, span(text, "graph\u2029sec")), "paragraph\u2029second");
    assert.equal(grown(text, span(text, "ne\u2028th")), "line\u2028third");
  });

  test("an empty span stays empty", () => {
    assert.deepEqual(plain(H.wholeWords("word", 2, 2)), { start: 2, end: 2 });
  });
});
