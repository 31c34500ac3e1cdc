import assert from "node:assert/strict";
import { test } from "node:test";
import { GlossApi, gzipJson } from "../../extension/lib/api.js";
import { enqueueSave, flushSaves, fromBase64, QUEUE_KEY, queuedSaves, RETRY_ALARM, toBase64 } from "../../extension/background/queue.js";
import { fakeBrowser, FakeGloss, gunzipJson } from "./support.js";

const body = (url, html = "<p>Text</p>") => gzipJson({ url, html, title: url });

test("base64 keeps every byte, also for large bodies", () => {
  const bytes = new Uint8Array(200_000).map((_, i) => (i * 7) % 256);
  assert.deepEqual(fromBase64(toBase64(bytes)), bytes);
});

test("a queued save is kept in storage with a retry alarm, one per URL", async () => {
  const ext = fakeBrowser();
  await enqueueSave(ext, { url: "https://a.example/", title: "A", body: await body("https://a.example/", "<p>old</p>") });
  await enqueueSave(ext, { url: "https://b.example/", title: "B", body: await body("https://b.example/") });
  await enqueueSave(ext, { url: "https://a.example/", title: "A", body: await body("https://a.example/", "<p>new</p>") });
  const entries = await queuedSaves(ext);
  assert.deepEqual(entries.map((e) => e.url), ["https://b.example/", "https://a.example/"]);
  assert.equal((await gunzipJson(fromBase64(entries[1].body))).html, "<p>new</p>");
  assert.ok(ext.alarmsData.has(RETRY_ALARM));
  assert.ok(Array.isArray(ext.storageData[QUEUE_KEY]));
});

test("a full queue refuses more instead of dropping older saves", async () => {
  const ext = fakeBrowser();
  for (let i = 0; i < 20; i++) await enqueueSave(ext, { url: `https://e.example/${i}`, title: "", body: new Uint8Array([i]) });
  await assert.rejects(enqueueSave(ext, { url: "https://e.example/more", title: "", body: new Uint8Array([1]) }), /already waiting/);
  assert.equal((await queuedSaves(ext)).length, 20);
});

test("flushing sends the saves, stops while the server is down and clears the alarm when done", async () => {
  const ext = fakeBrowser();
  const server = new FakeGloss();
  const api = new GlossApi({ serverUrl: server.base, token: server.token, fetch: server.fetch });
  await enqueueSave(ext, { url: "https://a.example/", title: "A", body: await body("https://a.example/") });
  await enqueueSave(ext, { url: "https://b.example/", title: "B", body: await body("https://b.example/") });

  server.down = true;
  const whileDown = await flushSaves(ext, api);
  assert.deepEqual([whileDown.saved.length, whileDown.remaining], [0, 2]);
  assert.equal(server.requests.length, 1, "stops at the first unreachable save");
  assert.equal((await queuedSaves(ext))[0].attempts, 1);
  assert.ok(ext.alarmsData.has(RETRY_ALARM));

  server.down = false;
  const afterwards = await flushSaves(ext, api);
  assert.deepEqual(afterwards.saved.map((e) => e.url), ["https://a.example/", "https://b.example/"]);
  assert.equal(afterwards.remaining, 0);
  assert.deepEqual(server.pages.map((p) => p.url), ["https://a.example/", "https://b.example/"]);
  assert.equal(ext.alarmsData.has(RETRY_ALARM), false);
});

test("a save the server can never accept is dropped and reported, the others still go", async () => {
  const ext = fakeBrowser();
  const server = new FakeGloss();
  const api = new GlossApi({ serverUrl: server.base, token: server.token, fetch: server.fetch });
  await enqueueSave(ext, { url: "https://empty.example/", title: "Empty", body: await body("https://empty.example/", "<div></div>") });
  await enqueueSave(ext, { url: "https://b.example/", title: "B", body: await body("https://b.example/") });
  const result = await flushSaves(ext, api);
  assert.equal(result.failed.length, 1);
  assert.equal(result.failed[0].error.kind, "no_article");
  assert.deepEqual(result.saved.map((e) => e.url), ["https://b.example/"]);
  assert.equal(result.remaining, 0);
});

test("a refused token keeps the saves waiting", async () => {
  const ext = fakeBrowser();
  const server = new FakeGloss();
  const api = new GlossApi({ serverUrl: server.base, token: "old", fetch: server.fetch });
  await enqueueSave(ext, { url: "https://a.example/", title: "A", body: await body("https://a.example/") });
  const result = await flushSaves(ext, api);
  assert.equal(result.remaining, 1);
});
