// The manifest: one source tree for Chrome and Firefox, and no permission
// beyond what the features need.
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { test } from "node:test";
import { EXTENSION } from "./support.js";

const manifest = JSON.parse(readFileSync(`${EXTENSION}manifest.json`, "utf8"));
const WEB_PAGES = ["http://*/*", "https://*/*"];

test("is Manifest V3 with a service worker and Firefox's background scripts", () => {
  assert.equal(manifest.manifest_version, 3);
  assert.equal(manifest.background.service_worker, "background.js");
  assert.deepEqual(manifest.background.scripts, ["background.js"]);
  assert.equal(manifest.background.type, "module");
  assert.match(manifest.browser_specific_settings.gecko.id, /^(\{[0-9a-f-]{36}\}|[^@]+@[^@]+)$/);
});

test("the toolbar button has no popup, so a click reaches action.onClicked", () => {
  assert.ok(manifest.action);
  assert.equal(manifest.action.default_popup, undefined);
});

test("asks only for the permissions its features use", () => {
  assert.deepEqual([...manifest.permissions].sort(), ["activeTab", "alarms", "contextMenus", "notifications", "scripting", "storage"]);
  assert.deepEqual(manifest.host_permissions, WEB_PAGES);
  assert.equal(manifest.optional_permissions, undefined);
});

test("content scripts run on http(s) pages only, the shared modules first", () => {
  assert.equal(manifest.content_scripts.length, 1);
  const [scripts] = manifest.content_scripts;
  assert.deepEqual(scripts.matches, WEB_PAGES);
  assert.equal(scripts.all_frames, undefined);
  assert.deepEqual(scripts.js, [
    "lib/browser.js",
    "lib/messages.js",
    "content/highlighter.js",
    "content/ui.js",
    "content/capture.js",
    "content/content.js",
  ]);
});

test("has keyboard shortcuts for saving and highlighting", () => {
  assert.deepEqual(Object.keys(manifest.commands).sort(), ["highlight-selection", "save-page"]);
  for (const command of Object.values(manifest.commands)) {
    assert.ok(command.description);
    assert.ok(command.suggested_key.default);
  }
});

test("every file the manifest names exists", () => {
  const files = [
    manifest.background.service_worker,
    ...manifest.content_scripts.flatMap((s) => s.js),
    manifest.options_ui.page,
    ...Object.values(manifest.icons),
    ...Object.values(manifest.action.default_icon),
  ];
  for (const file of files) assert.ok(existsSync(`${EXTENSION}${file}`), `${file} is missing`);
});
