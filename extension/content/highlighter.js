// Text quotes <-> DOM ranges <-> <mark> elements.
//
// Plain JavaScript without dependencies or extension APIs: the extension's
// content script and the web UI's reader view load this same file as a
// classic script and use `globalThis.GlossHighlighter`.
//
// A highlight is described the way the server stores it (W3C
// TextQuoteSelector): the quote plus 32 characters of context on each side,
// taken from the text of the DOM. Finding it again compares normalized text
// (the rule in schema/anchoring-vectors.json, shared with server/anchoring/normalize.py)
// so that whitespace, quote and dash differences between the live page and
// the extracted article do not matter.
(function installGlossHighlighter(global) {
  "use strict";

  const CONTEXT = 32;

  // --- Normalization (for matching only) -----------------------------------

  // Unicode White_Space, spelled out exactly as server/anchoring/normalize.py does.
  const WHITESPACE = /[\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/;
  const WHITESPACE_RUNS = /[\t\n\v\f\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;
  const DELETED = new Set(["\u00ad", "\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"]);
  const REPLACED = new Map([
    ["\u2018", "'"], ["\u2019", "'"], ["\u201a", "'"], ["\u201b", "'"], ["\u2032", "'"], ["`", "'"],
    ["\u201c", '"'], ["\u201d", '"'], ["\u201e", '"'], ["\u201f", '"'], ["\u2033", '"'],
    ["\u00ab", '"'], ["\u00bb", '"'],
    ["\u2010", "-"], ["\u2011", "-"], ["\u2012", "-"], ["\u2013", "-"], ["\u2014", "-"],
    ["\u2015", "-"], ["\u2212", "-"],
    ["\u2026", "..."],
  ]);

  // Returns {text, map}: map[i] is the index in `input` of the character that
  // produced text[i] (the three dots of an ellipsis share one). Indices are
  // JavaScript string indices (UTF-16 code units).
  function normalize(input) {
    const source = String(input ?? "");
    let text = "";
    const map = [];
    let inSpace = false;
    for (let i = 0; i < source.length; i++) {
      const ch = source[i];
      if (DELETED.has(ch)) continue;
      if (WHITESPACE.test(ch)) {
        if (!inSpace) {
          text += " ";
          map.push(i);
          inSpace = true;
        }
        continue;
      }
      inSpace = false;
      const replacement = REPLACED.get(ch);
      if (replacement === undefined) {
        text += ch;
        map.push(i);
      } else {
        for (const part of replacement) {
          text += part;
          map.push(i);
        }
      }
    }
    return { text, map };
  }

  // A quote, prefix or suffix as compared: normalized, outer spaces trimmed.
  const normalizedForComparison = (s) => normalize(s).text.replace(/^ +| +$/g, "");

  function commonSuffixLength(a, b) {
    let n = 0;
    while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
    return n;
  }

  function commonPrefixLength(a, b) {
    let n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n++;
    return n;
  }

  // The best occurrence of `needle` in `hay` (map: hay index -> original
  // index): the one whose surroundings agree best with `before` and `after`,
  // then the one nearest to `hint` (an original offset), then the first.
  function bestOccurrence(hay, map, needle, before, after, hint) {
    let best = -1;
    let bestScore = -1;
    let bestDistance = Infinity;
    for (let at = hay.indexOf(needle); at !== -1; at = hay.indexOf(needle, at + 1)) {
      const left = hay.slice(Math.max(0, at - before.length - 1), at).trimEnd();
      const right = hay.slice(at + needle.length, at + needle.length + after.length + 1).trimStart();
      const score = commonSuffixLength(left, before) + commonPrefixLength(right, after);
      const distance = hint == null ? 0 : Math.abs(map[at] - hint);
      if (score > bestScore || (score === bestScore && distance < bestDistance)) {
        best = at;
        bestScore = score;
        bestDistance = distance;
        if (hint == null && score === before.length + after.length) break;
      }
    }
    if (best < 0) return null;
    return { start: map[best], end: map[best + needle.length - 1] + 1 };
  }

  // The normalized text without its spaces, for the last-resort search.
  function withoutSpaces(normalized) {
    if (!normalized.compact) {
      let text = "";
      const map = [];
      for (let i = 0; i < normalized.text.length; i++) {
        if (normalized.text[i] === " ") continue;
        text += normalized.text[i];
        map.push(normalized.map[i]);
      }
      normalized.compact = { text, map };
    }
    return normalized.compact;
  }

  const dropSpaces = (s) => s.replace(/ /g, "");

  // Finds the selector in an already normalized text; returns offsets into
  // the original text or null. Every occurrence of the quote is a candidate
  // (see bestOccurrence). When the quote is nowhere, spaces are ignored as a
  // last resort: inline elements on a page may stand without a space between
  // them where the extracted text has one, or the other way round.
  function locateNormalized(normalized, { quote, prefix = "", suffix = "", start = null }) {
    const needle = normalizedForComparison(quote);
    if (!needle) return null;
    const before = normalizedForComparison(prefix);
    const after = normalizedForComparison(suffix);
    const hint = Number.isInteger(start) ? start : null;
    const found = bestOccurrence(normalized.text, normalized.map, needle, before, after, hint);
    if (found) return found;
    const compact = withoutSpaces(normalized);
    return bestOccurrence(compact.text, compact.map, dropSpaces(needle), dropSpaces(before), dropSpaces(after), hint);
  }

  // locate(text, {quote, prefix, suffix, start?, end?}) -> {start, end} | null,
  // offsets into `text` (UTF-16 code units). Offsets that hold the quote
  // exactly win; otherwise they only break ties between occurrences.
  function locate(text, selector) {
    const { quote, start, end } = selector;
    if (Number.isInteger(start) && Number.isInteger(end) && start < end && text.slice(start, end) === quote) {
      return { start, end };
    }
    return locateNormalized(normalize(text), selector);
  }

  // --- The text of a DOM subtree ------------------------------------------------

  // Block boundaries and <br> add a character that belongs to no text node,
  // so that "<p>one</p><p>two</p>" reads "one two" (as the extracted article
  // text "one\n\ntwo" does after normalization), not "onetwo". Both count as
  // whitespace for normalize().
  const BLOCK_BREAK = "\u2029";
  const LINE_BREAK = "\u2028";

  const BLOCK_ELEMENTS = new Set([
    "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details",
    "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "legend", "li", "main",
    "menu", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "ul",
  ]);
  const SKIPPED_ELEMENTS = new Set([
    "head", "script", "style", "noscript", "template", "textarea", "select", "iframe", "object",
    "canvas", "video", "audio",
  ]);
  // Whitespace directly inside these is formatting, never text a mark may wrap.
  const STRUCTURAL_ELEMENTS = new Set([
    "table", "tbody", "thead", "tfoot", "tr", "colgroup", "ul", "ol", "dl", "select",
  ]);

  const isElement = (node) => node?.nodeType === 1;
  const isText = (node) => node?.nodeType === 3;
  const isBlock = (node) => isElement(node) && BLOCK_ELEMENTS.has(node.localName);
  // Hosts of our own floating button and popover carry data-gloss-ui.
  const isIgnored = (element) =>
    SKIPPED_ELEMENTS.has(element.localName) || element.hasAttribute("data-gloss-ui");

  // {text, segments: [{node, start, end}] in document order, byNode: Map}
  function textModel(root) {
    const chunks = [];
    const segments = [];
    const byNode = new Map();
    let length = 0;
    let last = "";
    const push = (s) => {
      chunks.push(s);
      length += s.length;
      last = s[s.length - 1];
    };
    const blockBreak = () => {
      if (length > 0 && last !== BLOCK_BREAK) push(BLOCK_BREAK);
    };
    const visit = (parent, inPre) => {
      for (let child = parent.firstChild; child; child = child.nextSibling) {
        if (isText(child)) {
          if (!child.data) continue;
          const segment = { node: child, start: length, end: length + child.data.length };
          segments.push(segment);
          byNode.set(child, segment);
          // Same length, so offsets still match the node's data.
          push(inPre ? child.data.replace(/\n/g, LINE_BREAK) : child.data);
        } else if (isElement(child) && !isIgnored(child)) {
          if (child.localName === "br") {
            push(LINE_BREAK);
            continue;
          }
          const block = BLOCK_ELEMENTS.has(child.localName);
          if (block) blockBreak();
          visit(child, inPre || child.localName === "pre");
          if (block) blockBreak();
        }
      }
    };
    if (isText(root)) {
      const segment = { node: root, start: 0, end: root.data.length };
      segments.push(segment);
      byNode.set(root, segment);
      push(root.data);
    } else {
      visit(root, false);
    }
    return { text: chunks.join(""), segments, byNode };
  }

  // Index of the first segment for which `isAfter(segment)` holds (segments
  // are in document order, so the predicate flips once).
  function firstSegment(segments, isAfter) {
    let low = 0;
    let high = segments.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (isAfter(segments[mid])) high = mid;
      else low = mid + 1;
    }
    return low;
  }

  // DOM boundary point -> offset into model.text.
  function offsetOf(model, container, offset, edge) {
    const own = model.byNode.get(container);
    if (own) return own.start + Math.min(offset, own.end - own.start);
    const doc = container.ownerDocument ?? container;
    const probe = doc.createRange();
    probe.setStart(container, offset);
    const index = firstSegment(model.segments, (segment) => probe.comparePoint(segment.node, 0) >= 0);
    if (edge === "start") return index < model.segments.length ? model.segments[index].start : model.text.length;
    return index > 0 ? model.segments[index - 1].end : 0;
  }

  // Offsets into model.text -> a Range (offsets on a block or line break move
  // to the nearest text node inside the span).
  function rangeFromOffsets(model, start, end) {
    const { segments } = model;
    const first = firstSegment(segments, (segment) => segment.end > start);
    const last = firstSegment(segments, (segment) => segment.start >= end) - 1;
    if (first >= segments.length || last < 0 || last < first) return null;
    const startSegment = segments[first];
    const endSegment = segments[last];
    const doc = startSegment.node.ownerDocument;
    const range = doc.createRange();
    range.setStart(startSegment.node, Math.max(0, start - startSegment.start));
    range.setEnd(endSegment.node, Math.min(end, endSegment.end) - endSegment.start);
    return range;
  }

  // --- Describing a selection ------------------------------------------------------

  // Whitespace as a reader sees it: a block break becomes a blank line, a
  // line break a newline, any other run one space.
  function tidy(s) {
    return s.replace(WHITESPACE_RUNS, (run) =>
      run.includes(BLOCK_BREAK) ? "\n\n" : run.includes(LINE_BREAK) ? "\n" : " ",
    );
  }

  const lastCodePoints = (s, n) => Array.from(s).slice(-n).join("");
  const firstCodePoints = (s, n) => Array.from(s).slice(0, n).join("");

  function contextBefore(text, start) {
    for (let width = 4 * CONTEXT; ; width *= 4) {
      const from = Math.max(0, start - width);
      // Block breaks before the first text are not part of any context.
      const tidied = from === 0 ? tidy(text.slice(0, start)).trimStart() : tidy(text.slice(from, start));
      if (Array.from(tidied).length >= CONTEXT || from === 0) return lastCodePoints(tidied, CONTEXT);
    }
  }

  function contextAfter(text, end) {
    for (let width = 4 * CONTEXT; ; width *= 4) {
      const to = Math.min(text.length, end + width);
      const tidied = to === text.length ? tidy(text.slice(end)).trimEnd() : tidy(text.slice(end, to));
      if (Array.from(tidied).length >= CONTEXT || to === text.length) return firstCodePoints(tidied, CONTEXT);
    }
  }

  // --- Whole words ---------------------------------------------------------------

  // How far around an edge the word segmenter looks: longer than any word.
  const WORD_WINDOW = 64;
  const segmenters = new Map();

  function wordSegmenter(locale) {
    const key = locale || "";
    if (!segmenters.has(key)) {
      let segmenter = null;
      try {
        segmenter = new Intl.Segmenter(locale || undefined, { granularity: "word" });
      } catch {
        // An unknown language tag: the default rules still know most scripts.
        segmenter = typeof Intl.Segmenter === "function" ? new Intl.Segmenter(undefined, { granularity: "word" }) : null;
      }
      segmenters.set(key, segmenter);
    }
    return segmenters.get(key);
  }

  // The word (as Intl.Segmenter finds words in `locale`, so also in scripts
  // written without spaces) that contains text[at], as {start, end}, or null
  // when text[at] is not part of a word.
  function wordAt(text, at, locale) {
    const segmenter = wordSegmenter(locale);
    if (!segmenter || at < 0 || at >= text.length) return null;
    const from = Math.max(0, at - WORD_WINDOW);
    const piece = text.slice(from, Math.min(text.length, at + WORD_WINDOW));
    const segment = segmenter.segment(piece).containing(at - from);
    if (!segment?.isWordLike) return null;
    return { start: from + segment.index, end: from + segment.index + segment.segment.length };
  }

  // wholeWords(text, start, end[, locale]) -> {start, end}: a span that
  // starts or ends inside a word grows to take the whole word, so that a
  // highlight never cuts one ("learning curve invo" -> "... involves").
  function wholeWords(text, start, end, locale) {
    if (start >= end) return { start, end };
    const first = wordAt(text, start, locale);
    const last = wordAt(text, end - 1, locale);
    return {
      start: first && first.start < start ? first.start : start,
      end: last && last.end > end ? last.end : end,
    };
  }

  function languageOf(root) {
    const element = isElement(root) ? root : root?.parentElement ?? root?.documentElement;
    return element?.closest?.("[lang]")?.getAttribute("lang") || undefined;
  }

  // describeRange(root, range) -> {quote, prefix, suffix, range} | null.
  // Whitespace at either end of the selection is left out and a word cut by
  // either end is taken whole; `range` is the selection adjusted that way
  // (null when nothing but whitespace is selected).
  function describeRange(root, range) {
    const model = textModel(root);
    let start = offsetOf(model, range.startContainer, range.startOffset, "start");
    let end = Math.max(start, offsetOf(model, range.endContainer, range.endOffset, "end"));
    while (start < end && WHITESPACE.test(model.text[start])) start++;
    while (end > start && WHITESPACE.test(model.text[end - 1])) end--;
    if (start === end) return null;
    ({ start, end } = wholeWords(model.text, start, end, languageOf(range.commonAncestorContainer)));
    return {
      quote: tidy(model.text.slice(start, end)),
      prefix: contextBefore(model.text, start),
      suffix: contextAfter(model.text, end),
      range: rangeFromOffsets(model, start, end),
    };
  }

  // findQuote(root, {quote, prefix, suffix}) -> Range | null
  function findQuote(root, selector) {
    const model = textModel(root);
    const found = locateNormalized(normalize(model.text), selector);
    return found ? rangeFromOffsets(model, found.start, found.end) : null;
  }

  // --- Marks -----------------------------------------------------------------------

  // The highlight palette, the one definition in the repository: the marks drawn
  // here, ui.js's colour buttons, and the server, which reads the JSON between the
  // two markers (server/palette.py: it must stay plain JSON) for the colours the
  // API accepts, the web UI's stylesheet and the books' marks. Per colour: `swatch`
  // (a button, a dot), `mark` (over live text: translucent) and `book` (an opaque
  // tint for e-readers).
  const PALETTE = /* gloss-palette */ {
    "default": "yellow",
    "colors": {
      "yellow": {"swatch": "#ffd400", "mark": "rgba(255, 212, 0, 0.42)", "book": "#ffef9f"},
      "green": {"swatch": "#3cc85a", "mark": "rgba(60, 200, 90, 0.33)", "book": "#c8f0c0"},
      "blue": {"swatch": "#4696ff", "mark": "rgba(70, 150, 255, 0.3)", "book": "#c4defa"},
      "pink": {"swatch": "#ff5faa", "mark": "rgba(255, 95, 170, 0.3)", "book": "#fbd0e0"},
      "purple": {"swatch": "#965fff", "mark": "rgba(150, 95, 255, 0.3)", "book": "#e2d2fa"}
    }
  } /* end gloss-palette */;
  const COLORS = Object.freeze(Object.fromEntries(
    Object.entries(PALETTE.colors).map(([name, shades]) => [name, shades.mark])));
  const SWATCHES = Object.freeze(Object.fromEntries(
    Object.entries(PALETTE.colors).map(([name, shades]) => [name, shades.swatch])));
  const DEFAULT_COLOR = PALETTE.default;

  // Only the background changes: no padding, margin or border may move the
  // text around the mark, whatever the page's own CSS says about <mark>.
  function styleMark(mark, color) {
    const name = Object.hasOwn(COLORS, color) ? color : DEFAULT_COLOR;
    mark.setAttribute("data-gloss-color", name);
    const style = mark.style;
    style.setProperty("background-color", COLORS[name], "important");
    style.setProperty("color", "inherit", "important");
    style.setProperty("padding", "0", "important");
    style.setProperty("margin", "0", "important");
    style.setProperty("border", "0", "important");
    style.setProperty("display", "inline", "important");
    style.setProperty("font", "inherit", "important");
    style.setProperty("cursor", "pointer");
  }

  function isFormattingWhitespace(node) {
    if (/[^\t\n\f\r ]/.test(node.data)) return false;
    const parent = node.parentNode;
    return (
      (isElement(parent) && STRUCTURAL_ELEMENTS.has(parent.localName)) ||
      isBlock(node.previousSibling) ||
      isBlock(node.nextSibling)
    );
  }

  function insideIgnored(node, stop) {
    for (let el = node.parentNode; el && el !== stop; el = el.parentNode) {
      if (isElement(el) && isIgnored(el)) return true;
    }
    return false;
  }

  // The parts of text nodes the range covers: [{node, from, to}].
  function textPieces(range) {
    const ancestor = range.commonAncestorContainer;
    const nodes = [];
    if (isText(ancestor)) {
      nodes.push(ancestor);
    } else {
      const doc = ancestor.ownerDocument ?? ancestor;
      const walker = doc.createTreeWalker(ancestor, 4 /* NodeFilter.SHOW_TEXT */);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (range.intersectsNode(node)) nodes.push(node);
      }
    }
    const pieces = [];
    for (const node of nodes) {
      const from = node === range.startContainer ? range.startOffset : 0;
      const to = node === range.endContainer ? range.endOffset : node.data.length;
      if (to <= from || insideIgnored(node, null) || isFormattingWhitespace(node)) continue;
      pieces.push({ node, from, to });
    }
    return pieces;
  }

  // drawHighlight(root, range, {id, color}) -> [mark, ...], one mark per
  // text node the range spans. The text nodes are split, never rewritten,
  // so the page's own references to them stay valid.
  function drawHighlight(root, range, { id, color = DEFAULT_COLOR }) {
    const doc = root.ownerDocument ?? root;
    const marks = [];
    for (const { node, from, to } of textPieces(range)) {
      let target = node;
      if (from > 0) target = target.splitText(from);
      if (to - from < target.data.length) target.splitText(to - from);
      const mark = doc.createElement("mark");
      mark.setAttribute("data-gloss-highlight", String(id));
      styleMark(mark, color);
      target.parentNode.insertBefore(mark, target);
      mark.appendChild(target);
      marks.push(mark);
    }
    return marks;
  }

  function marksFor(id, root = global.document) {
    const wanted = String(id);
    return Array.from(root.querySelectorAll("mark[data-gloss-highlight]")).filter(
      (mark) => mark.getAttribute("data-gloss-highlight") === wanted,
    );
  }

  function setHighlightColor(id, color, root = global.document) {
    for (const mark of marksFor(id, root)) styleMark(mark, color);
  }

  // Joins a text node with its text neighbours, keeping the earliest node
  // (the page's original one) and its identity.
  function mergeWithNeighbours(node) {
    if (!isText(node) || !node.parentNode) return;
    let keep = node;
    while (isText(keep.previousSibling)) {
      const previous = keep.previousSibling;
      previous.appendData(keep.data);
      keep.remove();
      keep = previous;
    }
    while (isText(keep.nextSibling)) {
      const next = keep.nextSibling;
      keep.appendData(next.data);
      next.remove();
    }
  }

  // removeHighlight(id[, root]): unwraps the marks and joins the text nodes
  // drawHighlight split, leaving the DOM as it was.
  function removeHighlight(id, root = global.document) {
    const marks = marksFor(id, root);
    for (const mark of marks) {
      const parent = mark.parentNode;
      const first = mark.firstChild;
      const last = mark.lastChild;
      while (mark.firstChild) parent.insertBefore(mark.firstChild, mark);
      mark.remove();
      mergeWithNeighbours(first);
      mergeWithNeighbours(last);
    }
    return marks.length;
  }

  // anchorAll(root, [{id, color, selectors: [{quote, prefix, suffix}, ...]}])
  //   -> {drawn: [{item, marks}], missing: [item]}
  // Each item's selectors are tried in order. The text is normalized once;
  // the text model is rebuilt before each drawing because marks split nodes.
  function anchorAll(root, items) {
    const normalized = normalize(textModel(root).text);
    const placed = [];
    const missing = [];
    for (const item of items) {
      let found = null;
      for (const selector of item.selectors ?? [item]) {
        found = selector?.quote ? locateNormalized(normalized, selector) : null;
        if (found) break;
      }
      if (found) placed.push({ item, found });
      else missing.push(item);
    }
    const drawn = [];
    for (const { item, found } of placed) {
      const range = rangeFromOffsets(textModel(root), found.start, found.end);
      const marks = range ? drawHighlight(root, range, item) : [];
      if (marks.length) drawn.push({ item, marks });
      else missing.push(item);
    }
    return { drawn, missing };
  }

  // The id of the highlight a node belongs to (innermost mark), or null.
  function highlightIdAt(node) {
    const element = isElement(node) ? node : node?.parentElement;
    const mark = element?.closest?.("mark[data-gloss-highlight]");
    return mark ? mark.getAttribute("data-gloss-highlight") : null;
  }

  global.GlossHighlighter = Object.freeze({
    CONTEXT,
    COLORS,
    SWATCHES,
    DEFAULT_COLOR,
    normalize,
    locate,
    textModel,
    wholeWords,
    describeRange,
    findQuote,
    drawHighlight,
    removeHighlight,
    setHighlightColor,
    marksFor,
    anchorAll,
    highlightIdAt,
  });
})(globalThis);
