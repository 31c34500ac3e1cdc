// Shared helpers for the extension's node tests: loading the classic
// scripts, a fake of lib/browser.js's GlossBrowser and an in-memory Gloss API.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));
export const EXTENSION = `${ROOT}extension/`;

// Runs a classic script (no imports) in a fresh context and returns that
// context's global object.
export function loadClassicScript(relativePath, globals = {}) {
  const context = vm.createContext({ ...globals });
  vm.runInContext(readFileSync(`${EXTENSION}${relativePath}`, "utf8"), context, { filename: relativePath });
  return context;
}

// Objects made inside a vm context have that context's prototypes, which
// deepStrictEqual tells apart from ours: compare plain copies.
export const plain = (value) => JSON.parse(JSON.stringify(value));

// Makes GlossMessages available to the service worker modules, the way the
// service worker's `import "./lib/messages.js"` does.
export function installMessages() {
  if (!globalThis.GlossMessages) {
    globalThis.GlossMessages = loadClassicScript("lib/messages.js").GlossMessages;
  }
  return globalThis.GlossMessages;
}

// A GlossBrowser with in-memory storage that records what was shown.
export function fakeBrowser({ settings = {}, tabMessages = () => ({ ok: true }), snapshot = null } = {}) {
  const storage = { ...settings };
  const alarms = new Map();
  const record = { badges: new Map(), notifications: [], tabsCreated: [], tabMessages: [], optionsOpened: 0, menus: [] };
  const ext = {
    record,
    storageData: storage,
    alarmsData: alarms,
    storage: {
      async get(keys) {
        const names = typeof keys === "string" ? [keys] : keys;
        return Object.fromEntries(names.filter((k) => k in storage).map((k) => [k, structuredClone(storage[k])]));
      },
      async set(items) {
        Object.assign(storage, structuredClone(items));
      },
      async remove(keys) {
        for (const key of [keys].flat()) delete storage[key];
      },
    },
    runtime: {
      async openOptionsPage() {
        record.optionsOpened += 1;
      },
      getURL: (path) => `chrome-extension://test/${path}`,
    },
    tabs: {
      async create(properties) {
        record.tabsCreated.push(properties);
        return { id: 100 + record.tabsCreated.length, ...properties };
      },
      async sendMessage(tabId, message, frameId = 0) {
        record.tabMessages.push({ tabId, message, frameId });
        return tabMessages(message, tabId);
      },
    },
    scripting: {
      async run(tabId, { files, func }) {
        record.scripted = { tabId, files, func: String(func) };
        if (!snapshot) throw new Error("Cannot access contents of the page");
        return snapshot;
      },
    },
    action: {
      async setBadge(tabId, badge) {
        record.badges.set(tabId, { text: "", title: "", ...badge });
      },
      async getBadgeText(tabId) {
        return record.badges.get(tabId)?.text ?? "";
      },
    },
    menus: {
      async replaceAll(items) {
        record.menus = items;
      },
    },
    notifications: {
      async show(id, notification) {
        record.notifications.push({ id, ...notification });
      },
    },
    alarms: {
      async create(name, info) {
        alarms.set(name, info);
      },
      async get(name) {
        return alarms.has(name) ? { name, ...alarms.get(name) } : undefined;
      },
      async clear(name) {
        return alarms.delete(name);
      },
    },
  };
  return ext;
}

const json = (status, body) =>
  new Response(body === undefined ? null : JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json" },
  });

const errorBody = (code, message) => ({ error: { code, message } });

async function gunzipJson(body) {
  const stream = new Blob([body]).stream().pipeThrough(new DecompressionStream("gzip"));
  return JSON.parse(await new Response(stream).text());
}

// An in-memory stand-in for the Gloss API, as a `fetch` function. `down`
// makes every request fail the way an unreachable server does.
export class FakeGloss {
  constructor({ base = "http://127.0.0.1:5999", token = "secret-token" } = {}) {
    this.base = base;
    this.token = token;
    this.down = false;
    this.pages = [];
    this.requests = [];
    this.nextId = 1;
    this.fetch = this.fetch.bind(this);
  }

  page(fields) {
    const page = { id: this.nextId++, state: "article", text: "", highlights: [], notice: null, ...fields };
    this.pages.push(page);
    return page;
  }

  async fetch(input, init = {}) {
    const url = new URL(input);
    const method = init.method ?? "GET";
    const headers = init.headers ?? {};
    this.requests.push({ method, url, headers, body: init.body });
    if (this.down || url.origin !== new URL(this.base).origin) throw new TypeError("Failed to fetch");
    const path = url.pathname.replace(/^\/api\/v1/, "");
    if (method === "GET" && path === "/server") return json(200, { name: "gloss", version: "0.1.0" });
    if (headers.Authorization !== `Bearer ${this.token}`) return json(401, errorBody("unauthorized", "Bad token"));
    if (method === "POST" && path === "/pages") {
      const body = headers["Content-Encoding"] === "gzip" ? await gunzipJson(init.body) : JSON.parse(init.body);
      const existing = this.pages.find((page) => page.url === body.url);
      if (existing) {
        Object.assign(existing, { state: "article", html: body.html, title: body.title, text: body.html.replace(/<[^>]+>/g, "") });
        return json(200, existing);
      }
      if (!/<p>/.test(body.html)) return json(422, errorBody("no_article", "No article text was found on this page"));
      return json(201, this.page({ url: body.url, html: body.html, title: body.title, text: body.html.replace(/<[^>]+>/g, "") }));
    }
    if (method === "GET" && path === "/pages/lookup") {
      const page = this.pages.find((p) => p.url === url.searchParams.get("url"));
      return page ? json(200, page) : json(404, errorBody("not_found", "Not found"));
    }
    if (method === "POST" && path === "/login-links") {
      const { page_id: pageId } = JSON.parse(init.body);
      return json(201, { url: `/login-links/one-time?next=/pages/${pageId}` });
    }
    const highlightsOf = path.match(/^\/pages\/(\d+)\/highlights$/);
    if (method === "POST" && highlightsOf) {
      const page = this.pages.find((p) => p.id === Number(highlightsOf[1]));
      const body = JSON.parse(init.body);
      const start = page.text.indexOf(body.quote);
      if (start < 0) return json(422, errorBody("validation_error", "The quote is not in the page's text"));
      const highlight = { id: this.nextId++, page_id: page.id, note: "", tags: [], status: "anchored", color: body.color ?? "yellow", start, end: start + body.quote.length, ...body };
      page.highlights.push(highlight);
      return json(201, highlight);
    }
    const highlight = path.match(/^\/highlights\/(\d+)$/);
    if (highlight) {
      const id = Number(highlight[1]);
      const page = this.pages.find((p) => p.highlights.some((h) => h.id === id));
      if (!page) return json(404, errorBody("not_found", "Not found"));
      if (method === "DELETE") {
        page.highlights = page.highlights.filter((h) => h.id !== id);
        return new Response(null, { status: 204 });
      }
      const found = page.highlights.find((h) => h.id === id);
      Object.assign(found, JSON.parse(init.body));
      return json(200, found);
    }
    return new Response("<h1>Not Found</h1>", { status: 404, headers: { "Content-Type": "text/html" } });
  }
}

export { gunzipJson, json, errorBody };
