import assert from "node:assert/strict";
import { test } from "node:test";
import { isServerPage, isWebPage, normalizeServerUrl, SettingsError, STORAGE_KEYS } from "../../extension/lib/settings.js";

test("the storage keys are the pinned ones", () => {
  assert.deepEqual({ ...STORAGE_KEYS }, { serverUrl: "serverUrl", apiToken: "apiToken" });
});

test("accepts https anywhere and plain http on this computer only", () => {
  assert.equal(normalizeServerUrl("https://gloss.example.org/"), "https://gloss.example.org");
  assert.equal(normalizeServerUrl(" gloss.example.org "), "https://gloss.example.org");
  assert.equal(normalizeServerUrl("https://example.org/tools/gloss//"), "https://example.org/tools/gloss");
  assert.equal(normalizeServerUrl("http://localhost:5000"), "http://localhost:5000");
  assert.equal(normalizeServerUrl("http://127.0.0.1:5000/"), "http://127.0.0.1:5000");
  assert.equal(normalizeServerUrl("https://gloss.example.org/?x=1#y"), "https://gloss.example.org");
});

test("refuses what it cannot use, saying why", () => {
  const refused = (input, pattern) =>
    assert.throws(() => normalizeServerUrl(input), (error) => error instanceof SettingsError && pattern.test(error.message));
  refused("http://gloss.example.org", /only allowed for localhost or 127\.0\.0\.1/);
  refused("http://192.168.1.10:5000", /only allowed for localhost/);
  refused("ftp://gloss.example.org", /must start with https/);
  refused("", /Enter the address/);
  refused("https://exa mple.org", /not a valid web address/);
  refused("https://me:pw@gloss.example.org", /user name and password/);
});

test("recognises the server's own pages and web pages", () => {
  assert.equal(isServerPage("http://127.0.0.1:5000", "http://127.0.0.1:5000/pages/3"), true);
  assert.equal(isServerPage("http://127.0.0.1:5000", "http://127.0.0.1:8000/article.html"), false);
  assert.equal(isServerPage(null, "https://example.org"), false);
  assert.equal(isWebPage("https://example.org"), true);
  assert.equal(isWebPage("chrome://extensions"), false);
  assert.equal(isWebPage(undefined), false);
});
