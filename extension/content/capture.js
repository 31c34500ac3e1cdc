// The page as the user sees it, for saving: the live DOM after the page's
// scripts ran (logged-in content, lazily loaded text), serialized from a
// clone so nothing on the page changes. Scripts, styles and Gloss's own
// marks and UI are dropped from the clone; they only make the upload bigger.
//
// A classic script: listed among the content scripts, and injected on its own
// by the toolbar button into tabs opened before the extension was installed.
(function installGlossCapture() {
  "use strict";
  if (globalThis.GlossCapture) return;

  // JSON-LD scripts stay: they carry the author and date the server reads.
  const DROPPED = [
    "script:not([type='application/ld+json'])",
    "style",
    "noscript",
    "template",
    "link[rel~='stylesheet']",
    "link[rel~='preload']",
    "[data-gloss-ui]",
  ].join(", ");

  function doctypeOf(doc) {
    const type = doc.doctype;
    if (!type) return "";
    const publicId = type.publicId ? ` PUBLIC "${type.publicId}"` : "";
    const systemId = type.systemId ? `${type.publicId ? "" : " SYSTEM"} "${type.systemId}"` : "";
    return `<!DOCTYPE ${type.name}${publicId}${systemId}>\n`;
  }

  function snapshot(doc = document) {
    const clone = doc.documentElement.cloneNode(true);
    for (const element of clone.querySelectorAll(DROPPED)) element.remove();
    for (const mark of clone.querySelectorAll("mark[data-gloss-highlight]")) {
      mark.replaceWith(...mark.childNodes);
    }
    return {
      url: doc.location.href,
      title: doc.title,
      html: doctypeOf(doc) + clone.outerHTML,
    };
  }

  globalThis.GlossCapture = Object.freeze({ snapshot });
})();
