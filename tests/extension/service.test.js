// The service worker's behaviour (background/service.js) with a fake
// browser and an in-memory Gloss API.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { QUEUE_KEY, RETRY_ALARM } from "../../extension/background/queue.js";
import { codePointIndex, createService, currentSelector } from "../../extension/background/service.js";
import { fakeBrowser, FakeGloss, installMessages } from "./support.js";

const { TYPES } = installMessages();
const ARTICLE_URL = "http://127.0.0.1:8000/article.html";
const TAB = { id: 7, index: 2, url: ARTICLE_URL };
const SNAPSHOT = { url: ARTICLE_URL, title: "An article", html: "<html><body><p>First paragraph. Second sentence.</p></body></html>" };

function setup({ configured = true, tabMessages } = {}) {
  const server = new FakeGloss();
  const settings = configured ? { serverUrl: server.base, apiToken: server.token } : {};
  const ext = fakeBrowser({ settings, snapshot: SNAPSHOT, tabMessages });
  const service = createService({ ext, fetch: server.fetch });
  return { server, ext, service };
}

describe("saving from the toolbar", () => {
  test("sends the live page and opens the reader view next to the tab", async () => {
    const { server, ext, service } = setup();
    const result = await service.onActionClicked(TAB);
    assert.equal(result.ok, true);
    assert.equal(server.pages.length, 1);
    assert.equal(server.pages[0].html, SNAPSHOT.html);
    assert.deepEqual(ext.record.scripted.files, ["content/capture.js"]);
    const [opened] = ext.record.tabsCreated;
    assert.match(opened.url, /^http:\/\/127\.0\.0\.1:5999\/login-links\/.*\/pages\/1$/);
    assert.equal(opened.index, 3);
    assert.equal(opened.openerTabId, 7);
    assert.deepEqual(ext.record.badges.get(7), { text: "✓", color: "#1a7f37", title: "Saved to Gloss" });
    assert.ok(ext.record.tabMessages.some((m) => m.message.type === TYPES.REDRAW));
  });

  for (const state of ["link", "fetching"]) {
    test(`a page the server has only as a ${state} gets the live page as its article`, async () => {
      const { server, ext, service } = setup();
      const shared = server.page({ url: ARTICLE_URL, state, text: "" });
      const result = await service.onActionClicked(TAB);
      assert.deepEqual([result.ok, result.pageId, result.created], [true, shared.id, false]);
      assert.equal(shared.state, "article");
      assert.equal(shared.html, SNAPSHOT.html);
      assert.match(ext.record.tabsCreated[0].url, new RegExp(`/pages/${shared.id}$`));
    });
  }

  test("a second click updates the saved page", async () => {
    const { server, ext, service } = setup();
    await service.onActionClicked(TAB);
    const again = await service.onActionClicked(TAB);
    assert.equal(again.created, false);
    assert.equal(server.pages.length, 1);
    assert.equal(ext.record.badges.get(7).title, "Updated in Gloss");
  });

  test("queues the save while the server is unreachable and sends it once a call succeeds", async () => {
    const { server, ext, service } = setup();
    server.down = true;
    const result = await service.onActionClicked(TAB);
    assert.equal(result.queued, true);
    assert.equal(ext.storageData[QUEUE_KEY].length, 1);
    assert.ok(ext.alarmsData.has(RETRY_ALARM));
    const badge = ext.record.badges.get(7);
    assert.match(badge.title, /could not be reached.*queued/);
    assert.match(ext.record.notifications.at(-1).message, /could not be reached.*queued/);
    const shown = ext.record.tabMessages.find((m) => m.message.type === TYPES.SHOW_MESSAGE);
    assert.equal(shown.message.level, "error");
    assert.equal(ext.record.tabsCreated.length, 0);

    server.down = false;
    await service.onMessage({ type: TYPES.PAGE_OPENED, url: "https://elsewhere.example/" }, { tab: { id: 9 } });
    // The retry runs after the answer: wait for it to have sent the save (a loaded machine takes longer).
    const sent = () => server.pages.length > 0 && ext.storageData[QUEUE_KEY].length === 0;
    for (let waited = 0; !sent() && waited < 5000; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.equal(server.pages.length, 1);
    assert.equal(server.pages[0].url, ARTICLE_URL);
    assert.equal(ext.storageData[QUEUE_KEY].length, 0);
    assert.equal(ext.alarmsData.has(RETRY_ALARM), false);
    assert.match(ext.record.notifications.at(-1).message, /An article/);
  });

  test("the retry alarm and browser start send waiting saves", async () => {
    const { server, ext, service } = setup();
    server.down = true;
    await service.onActionClicked(TAB);
    server.down = false;
    await service.onAlarm({ name: RETRY_ALARM });
    assert.equal(server.pages.length, 1);

    server.down = true;
    await service.onActionClicked({ ...TAB, id: 8, url: "https://other.example/" });
    server.down = false;
    await service.onStartup();
    assert.equal(ext.storageData[QUEUE_KEY].length, 0);
    assert.equal(ext.record.menus.length, 2);
  });

  test("explains a refused token without queuing", async () => {
    const { server, ext, service } = setup();
    server.token = "another";
    const result = await service.onActionClicked(TAB);
    assert.equal(result.kind, "unauthorized");
    assert.equal(ext.record.badges.get(7).text, "!");
    assert.match(ext.record.badges.get(7).title, /refused the API token/);
    assert.equal(ext.storageData[QUEUE_KEY], undefined);
  });

  test("opens the options when Gloss is not set up", async () => {
    const { ext, service } = setup({ configured: false });
    const result = await service.onActionClicked(TAB);
    assert.equal(result.kind, "not_configured");
    assert.equal(ext.record.optionsOpened, 1);
  });

  test("does not save browser pages or the Gloss server's own pages", async () => {
    const { server, ext, service } = setup();
    assert.equal((await service.onActionClicked({ ...TAB, url: "chrome://extensions/" })).kind, "not_web_page");
    assert.equal((await service.onActionClicked({ ...TAB, url: `${server.base}/pages/1` })).kind, "own_page");
    assert.equal(server.pages.length, 0);
    assert.equal(ext.record.badges.get(7).text, "!");
  });

  test("the save command and menu item save too", async () => {
    const { server, service } = setup();
    await service.onCommand("save-page", TAB);
    await service.onMenuClicked({ menuItemId: "gloss-save" }, TAB);
    assert.equal(server.requests.filter((r) => r.method === "POST" && r.url.pathname === "/api/v1/pages").length, 2);
  });
});

describe("highlighting", () => {
  test("the highlight command and menu item ask the tab for its selection", async () => {
    const { ext, service } = setup();
    await service.onCommand("highlight-selection", TAB);
    await service.onMenuClicked({ menuItemId: "gloss-highlight", frameId: 0 }, TAB);
    const asked = ext.record.tabMessages.filter((m) => m.message.type === TYPES.HIGHLIGHT_SELECTION);
    assert.equal(asked.length, 2);
  });

  test("saves the page first when it is not saved yet", async () => {
    const { server, ext, service } = setup({ tabMessages: (message) => (message.type === TYPES.CAPTURE_PAGE ? SNAPSHOT : null) });
    const answer = await service.onMessage(
      { type: TYPES.HIGHLIGHT_CREATE, url: ARTICLE_URL, quote: "Second sentence", prefix: "First paragraph. ", suffix: ".", color: "yellow" },
      { tab: TAB, frameId: 0 },
    );
    assert.equal(answer.ok, true);
    assert.equal(answer.highlight.quote, "Second sentence");
    assert.equal(server.pages.length, 1);
    assert.equal(server.pages[0].highlights.length, 1);
    assert.deepEqual(ext.record.tabMessages[0].message, { type: TYPES.CAPTURE_PAGE });

    const second = await service.onMessage({ type: TYPES.HIGHLIGHT_CREATE, url: ARTICLE_URL, quote: "First" }, { tab: TAB, frameId: 0 });
    assert.equal(second.ok, true);
    assert.equal(ext.record.tabMessages.length, 1, "an already saved page is not captured again");
  });

  for (const state of ["link", "fetching"]) {
    test(`saves the live page first when the server has it only as a ${state}`, async () => {
      const { server, ext, service } = setup({ tabMessages: (message) => (message.type === TYPES.CAPTURE_PAGE ? SNAPSHOT : null) });
      const shared = server.page({ url: ARTICLE_URL, state, text: "", title: null });
      const answer = await service.onMessage(
        { type: TYPES.HIGHLIGHT_CREATE, url: ARTICLE_URL, quote: "Second sentence", prefix: "First paragraph. ", suffix: "." },
        { tab: TAB, frameId: 0 },
      );
      assert.equal(answer.ok, true);
      assert.deepEqual(ext.record.tabMessages.map((m) => m.message.type), [TYPES.CAPTURE_PAGE]);
      assert.equal(server.pages.length, 1);
      assert.equal(shared.state, "article");
      assert.equal(shared.html, SNAPSHOT.html);
      assert.equal(shared.highlights[0].quote, "Second sentence");
    });
  }

  test("a passage outside the saved article gets a clear refusal", async () => {
    const { server, service } = setup();
    server.page({ url: ARTICLE_URL, text: "Only the article." });
    const answer = await service.onMessage({ type: TYPES.HIGHLIGHT_CREATE, url: ARTICLE_URL, quote: "Sidebar link" }, { tab: TAB });
    assert.deepEqual(answer.ok, false);
    assert.equal(answer.kind, "not_in_article");
    assert.match(answer.error, /not part of the article/);
  });

  test("edits only note, color and tags, and deletes", async () => {
    const { server, service } = setup();
    const page = server.page({ url: ARTICLE_URL, text: "Some words here." });
    page.highlights.push({ id: 50, page_id: page.id, quote: "words", color: "yellow", note: "", tags: [], status: "anchored", start: 5, end: 10 });
    const edited = await service.onMessage({ type: TYPES.HIGHLIGHT_UPDATE, id: 50, changes: { note: "n", color: "pink", tags: ["t"], quote: "x" } }, { tab: TAB });
    assert.equal(edited.ok, true);
    assert.deepEqual(JSON.parse(server.requests.at(-1).body), { note: "n", color: "pink", tags: ["t"] });
    assert.deepEqual(await service.onMessage({ type: TYPES.HIGHLIGHT_DELETE, id: 50 }, { tab: TAB }), { ok: true });
    assert.equal((await service.onMessage({ type: TYPES.HIGHLIGHT_DELETE, id: 50 }, { tab: TAB })).ok, false);
  });
});

describe("revisiting a page", () => {
  test("sends the saved highlights with their place in the current text", async () => {
    const { server, service } = setup();
    const text = "😀 Emoji first. Then the passage. End.";
    const page = server.page({ url: ARTICLE_URL, text });
    page.highlights.push(
      { id: 1, quote: "the pasage", prefix: "Then ", suffix: ".", color: "green", status: "anchored", start: 20, end: 31, note: "n", tags: ["a"] },
      { id: 2, quote: "gone", prefix: "", suffix: "", color: "yellow", status: "orphaned", start: null, end: null },
    );
    const state = await service.onMessage({ type: TYPES.PAGE_OPENED, url: ARTICLE_URL }, { tab: TAB });
    assert.equal(state.enabled, true);
    assert.equal(state.pageId, page.id);
    assert.deepEqual(state.highlights[0].current, { quote: "the passage", prefix: "😀 Emoji first. Then ", suffix: ". End." });
    assert.equal(state.highlights[0].quote, "the pasage");
    assert.equal(state.highlights[1].current, null);
    assert.equal(state.highlights[1].quote, "gone");
  });

  test("stays out of the Gloss server's own pages", async () => {
    const { server, service } = setup();
    const state = await service.onMessage({ type: TYPES.PAGE_OPENED, url: `${server.base}/pages/3` }, { tab: TAB });
    assert.equal(state.enabled, false);
  });

  test("an unsaved page, an unreachable server or missing settings draw nothing", async () => {
    const { server, service } = setup();
    assert.deepEqual((await service.onMessage({ type: TYPES.PAGE_OPENED, url: ARTICLE_URL }, { tab: TAB })).highlights, []);
    server.down = true;
    const down = await service.onMessage({ type: TYPES.PAGE_OPENED, url: ARTICLE_URL }, { tab: TAB });
    assert.match(down.error, /could not be reached/);
    const unset = setup({ configured: false });
    const state = await unset.service.onMessage({ type: TYPES.PAGE_OPENED, url: ARTICLE_URL }, { tab: TAB });
    assert.deepEqual([state.enabled, state.configured], [true, false]);
  });

  test("highlights that were not found are counted on the badge", async () => {
    const { ext, service } = setup();
    await service.onMessage({ type: TYPES.ANCHORING_RESULT, total: 3, missing: 2 }, { tab: TAB });
    assert.deepEqual(ext.record.badges.get(7), {
      text: "2",
      color: "#bf6a02",
      title: "2 of 3 Gloss highlights could not be found on this page (the text changed).",
    });
    await service.onMessage({ type: TYPES.ANCHORING_RESULT, total: 3, missing: 0 }, { tab: TAB });
    assert.equal(ext.record.badges.get(7).text, "");
  });

  test("finding every highlight keeps the mark of a save that just happened", async () => {
    const { ext, service } = setup();
    await service.onActionClicked(TAB);
    await service.onMessage({ type: TYPES.ANCHORING_RESULT, total: 0, missing: 0 }, { tab: TAB });
    assert.equal(ext.record.badges.get(7).text, "✓");
  });
});

test("code-point offsets from the server become JavaScript indices", () => {
  const text = "a😀b𝄞c";
  assert.equal(codePointIndex(text, 0), 0);
  assert.equal(codePointIndex(text, 2), 3);
  assert.equal(codePointIndex(text, 4), 6);
  assert.equal(codePointIndex(text, 99), text.length);
  assert.deepEqual(currentSelector(text, 1, 4, 1), { quote: "😀b𝄞", prefix: "a", suffix: "c" });
  assert.equal(currentSelector(null, 1, 2), null);
});
