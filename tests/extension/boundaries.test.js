// Which module may touch what: only lib/browser.js talks to the WebExtension
// API, and the highlighter and UI stay plain scripts the web UI can load.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { test } from "node:test";
import { EXTENSION } from "./support.js";

function javascriptFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return javascriptFiles(path);
    return entry.name.endsWith(".js") ? [path] : [];
  });
}

// Comments and strings may mention the APIs; code may not.
const code = (source) =>
  source
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/(^|[^:])\/\/.*$/gm, "$1")
    .replace(/(["'`])(?:\\.|(?!\1)[^\\])*\1/g, '""');

const WEBEXTENSION_API = /\b(chrome|browser)\s*(\.|\?\.|\[)/;

test("only lib/browser.js touches chrome.* or browser.*", () => {
  const offenders = javascriptFiles(EXTENSION)
    .filter((file) => relative(EXTENSION, file) !== join("lib", "browser.js"))
    .filter((file) => WEBEXTENSION_API.test(code(readFileSync(file, "utf8"))))
    .map((file) => relative(EXTENSION, file));
  assert.deepEqual(offenders, []);
  assert.match(readFileSync(join(EXTENSION, "lib", "browser.js"), "utf8"), /globalThis\.chrome/);
});

test("the highlighter and the UI are dependency-free classic scripts", () => {
  for (const file of ["content/highlighter.js", "content/ui.js"]) {
    const source = code(readFileSync(join(EXTENSION, file), "utf8"));
    assert.doesNotMatch(source, /\b(import|export|require)\b/, `${file} must load as a classic <script>`);
    assert.doesNotMatch(source, /\b(chrome|browser|GlossBrowser|GlossMessages)\b/, `${file} must not depend on the extension`);
  }
});

test("the service worker keeps no state in module-level variables", () => {
  for (const file of ["background.js", ...javascriptFiles(join(EXTENSION, "background")).map((f) => relative(EXTENSION, f))]) {
    const source = code(readFileSync(join(EXTENSION, file), "utf8"));
    assert.doesNotMatch(source, /^(let|var)\s/m, `${file} declares mutable module state`);
  }
});
