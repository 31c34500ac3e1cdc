// lib/api.js against an in-memory Gloss API (fake fetch).
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { GlossApi, GlossError } from "../../extension/lib/api.js";
import { FakeGloss, gunzipJson, json } from "./support.js";

function setup({ token = "secret-token" } = {}) {
  const server = new FakeGloss();
  const api = new GlossApi({ serverUrl: server.base, token, fetch: server.fetch });
  return { server, api };
}

async function rejectsWith(promise, kind, pattern) {
  await assert.rejects(promise, (error) => {
    assert.ok(error instanceof GlossError, `expected a GlossError, got ${error}`);
    assert.equal(error.kind, kind);
    if (pattern) assert.match(error.message, pattern);
    return true;
  });
}

describe("GlossApi", () => {
  test("saves a page as gzip-compressed JSON with the token", async () => {
    const { server, api } = setup();
    const page = { url: "https://example.org/a", html: "<html><p>Hello</p></html>", title: "A" };
    const first = await api.savePage(page);
    assert.equal(first.created, true);
    const request = server.requests.at(-1);
    assert.equal(request.method, "POST");
    assert.equal(request.url.pathname, "/api/v1/pages");
    assert.equal(request.headers["Content-Encoding"], "gzip");
    assert.equal(request.headers["Content-Type"], "application/json");
    assert.equal(request.headers.Authorization, "Bearer secret-token");
    assert.deepEqual(await gunzipJson(request.body), page);
    const again = await api.savePage(page);
    assert.equal(again.created, false);
    assert.equal(again.page.id, first.page.id);
  });

  test("says the server is unreachable when the connection fails", async () => {
    const { server, api } = setup();
    server.down = true;
    await rejectsWith(api.lookupPage("https://example.org/"), "unreachable", /127\.0\.0\.1:5999 could not be reached/);
  });

  test("says the token was refused", async () => {
    const { api } = setup({ token: "wrong" });
    await rejectsWith(api.checkToken(), "unauthorized", /refused the API token/);
  });

  test("refuses to call authenticated endpoints without a token", async () => {
    const { api } = setup({ token: null });
    await rejectsWith(api.checkToken(), "not_configured", /No API token/);
  });

  test("recognises a server that is not Gloss", async () => {
    const notGloss = async () => new Response("<html>Welcome to nginx</html>", { status: 200, headers: { "Content-Type": "text/html" } });
    const api = new GlossApi({ serverUrl: "https://example.org", token: "t", fetch: notGloss });
    await rejectsWith(api.serverInfo(), "not_gloss", /did not answer like a Gloss server/);
    const otherJson = async () => json(200, { name: "something-else" });
    await rejectsWith(new GlossApi({ serverUrl: "https://example.org", fetch: otherJson }).serverInfo(), "not_gloss");
    const htmlNotFound = async () => new Response("nope", { status: 404, headers: { "Content-Type": "text/html" } });
    await rejectsWith(new GlossApi({ serverUrl: "https://example.org", token: "t", fetch: htmlNotFound }).lookupPage("https://a.b/"), "not_gloss", /HTTP 404/);
  });

  test("exchanges a user name and password for a token, and says when they are wrong", async () => {
    const calls = [];
    const fetch = async (url, init) => {
      calls.push(JSON.parse(init.body));
      const { password } = JSON.parse(init.body);
      return password === "right"
        ? json(201, { token: "new-token" })
        : json(401, { error: { code: "invalid_credentials", message: "Invalid username or password" } });
    };
    const api = new GlossApi({ serverUrl: "https://gloss.example.org", fetch });
    assert.equal(await api.createToken("ann", "right"), "new-token");
    assert.deepEqual(calls[0], { username: "ann", password: "right" });
    await rejectsWith(api.createToken("ann", "wrong"), "invalid_credentials", /Wrong user name or password/);
  });

  test("passes on rate limiting with its reason", async () => {
    const fetch = async () => json(429, { error: { code: "rate_limited", message: "Too many sign-in attempts" } });
    const api = new GlossApi({ serverUrl: "https://gloss.example.org", fetch });
    await rejectsWith(api.createToken("a", "b"), "rate_limited", /Too many sign-in attempts/);
  });

  test("looks a page up by URL and answers null when it is not saved", async () => {
    const { server, api } = setup();
    assert.equal(await api.lookupPage("https://example.org/x?a=1&b=2"), null);
    assert.equal(server.requests.at(-1).url.searchParams.get("url"), "https://example.org/x?a=1&b=2");
    const saved = server.page({ url: "https://example.org/x?a=1&b=2" });
    assert.equal((await api.lookupPage("https://example.org/x?a=1&b=2")).id, saved.id);
  });

  test("turns a relative login link into an absolute URL on the server", async () => {
    const { api } = setup();
    assert.equal(await api.createLoginLink(7), "http://127.0.0.1:5999/login-links/one-time?next=/pages/7");
  });

  test("explains a passage that is not in the saved article", async () => {
    const { server, api } = setup();
    const page = server.page({ url: "https://example.org/", text: "Only this text." });
    await rejectsWith(api.createHighlight(page.id, { quote: "the sidebar" }), "not_in_article", /not part of the article/);
    const highlight = await api.createHighlight(page.id, { quote: "this text", prefix: "Only ", suffix: "." });
    assert.equal(highlight.quote, "this text");
  });

  test("edits and deletes highlights", async () => {
    const { server, api } = setup();
    const page = server.page({ url: "https://example.org/", text: "Some text here." });
    const highlight = await api.createHighlight(page.id, { quote: "text" });
    const updated = await api.updateHighlight(highlight.id, { note: "why", color: "blue", tags: ["x"] });
    assert.equal(updated.note, "why");
    assert.equal(server.requests.at(-1).method, "PATCH");
    await api.deleteHighlight(highlight.id);
    assert.equal(server.requests.at(-1).method, "DELETE");
    assert.deepEqual(page.highlights, []);
    await rejectsWith(api.deleteHighlight(highlight.id), "not_found");
  });

  test("reports server failures with their status", async () => {
    const fetch = async () => json(500, { error: { code: "internal_error", message: "Database is down" } });
    const api = new GlossApi({ serverUrl: "https://gloss.example.org", token: "t", fetch });
    await rejectsWith(api.checkToken(), "server", /HTTP 500.*Database is down/);
  });

  test("needs a server address", () => {
    assert.throws(() => new GlossApi({ serverUrl: null }), (error) => error.kind === "not_configured");
  });
});
