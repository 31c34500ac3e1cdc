// What the service worker does for each browser event and message. Holds no
// state between events: settings and the save queue are read from storage
// every time, because the browser stops idle service workers at will.

import { GlossApi, GlossError, gzipJson } from "../lib/api.js";
import { isConfigured, isServerPage, isWebPage, readSettings } from "../lib/settings.js";
import * as badge from "./badge.js";
import { enqueueSave, flushSaves, queuedSaves, RETRY_ALARM } from "./queue.js";

export const COMMANDS = Object.freeze({ save: "save-page", highlight: "highlight-selection" });
export const MENU_IDS = Object.freeze({ highlight: "gloss-highlight", save: "gloss-save" });
const WEB_PAGES = ["http://*/*", "https://*/*"];
const HIGHLIGHT_FIELDS = ["note", "color", "tags"];

// A code-point offset (Python string index, as the API uses) -> JS index.
export function codePointIndex(text, offset) {
  let index = 0;
  for (let count = 0; count < offset && index < text.length; count++) {
    const code = text.charCodeAt(index);
    index += code >= 0xd800 && code <= 0xdbff && index + 1 < text.length ? 2 : 1;
  }
  return index;
}

// The passage an anchored highlight covers in the page's current text, with
// its context: on a page that matches its latest save this finds the
// highlight even where its original quote was edited.
export function currentSelector(text, start, end, context = 32) {
  if (typeof text !== "string" || start == null || end == null) return null;
  const from = codePointIndex(text, start);
  const to = codePointIndex(text, end);
  const before = Array.from(text.slice(Math.max(0, from - 4 * context), from)).slice(-context).join("");
  const after = Array.from(text.slice(to, to + 4 * context)).slice(0, context).join("");
  return { quote: text.slice(from, to), prefix: before, suffix: after };
}

export function forContentScript(highlight, pageText) {
  return {
    id: highlight.id,
    color: highlight.color,
    note: highlight.note ?? "",
    tags: highlight.tags ?? [],
    status: highlight.status,
    quote: highlight.quote,
    prefix: highlight.prefix ?? "",
    suffix: highlight.suffix ?? "",
    current: highlight.status === "anchored" ? currentSelector(pageText, highlight.start, highlight.end) : null,
  };
}

// A page saved as a link (shared from a phone, imported) or still being fetched has no
// article to anchor in yet: the live page the user is on becomes its article.
export const hasArticle = (page) => page.state !== "link" && page.state !== "fetching";

const failure = (error) => ({
  ok: false,
  error: error?.message ?? String(error),
  kind: error?.kind ?? "error",
});

export function createService({ ext, fetch = globalThis.fetch.bind(globalThis) }) {
  const { TYPES } = globalThis.GlossMessages;

  const apiFor = (settings) =>
    new GlossApi({ serverUrl: settings.serverUrl, token: settings.apiToken, fetch });

  async function notify(id, title, message) {
    try {
      await ext.notifications.show(id, { title, message });
    } catch {
      // Notifications may be turned off; the badge and the page still tell.
    }
  }

  async function tellTab(tabId, message) {
    try {
      return await ext.tabs.sendMessage(tabId, message);
    } catch {
      return null; // no content script there (not an http(s) page, or loaded before us)
    }
  }

  async function reportFailure(tabId, error) {
    const message = error?.message ?? String(error);
    await badge.showError(ext, tabId, message);
    await notify("gloss-error", "Gloss could not save this page", message);
    await tellTab(tabId, { type: TYPES.SHOW_MESSAGE, level: "error", text: message, kind: error?.kind });
  }

  // Sends the waiting saves; called after every call that reached the server.
  async function retryQueuedSaves() {
    if (!(await queuedSaves(ext)).length) return;
    const settings = await readSettings(ext);
    if (!isConfigured(settings)) return;
    const { saved, failed } = await flushSaves(ext, apiFor(settings));
    if (saved.length) {
      const titles = saved.map((entry) => entry.title || entry.url).join(", ");
      await notify("gloss-queue", "Gloss saved waiting pages", `Saved now that the server is back: ${titles}`);
    }
    for (const { entry, error } of failed) {
      await notify(`gloss-queue-${entry.id}`, "Gloss could not save a waiting page", `${entry.title || entry.url}: ${error.message}`);
    }
  }

  const retryInBackground = () => retryQueuedSaves().catch(() => {});

  async function capture(tabId) {
    try {
      return await ext.scripting.run(tabId, {
        files: ["content/capture.js"],
        func: () => globalThis.GlossCapture.snapshot(document),
      });
    } catch (error) {
      throw new GlossError("capture", `Gloss cannot read this page: ${error?.message ?? error}`);
    }
  }

  async function saveTab(tab) {
    const tabId = tab.id;
    try {
      if (!isWebPage(tab.url)) {
        throw new GlossError("not_web_page", "Only web pages (http:// and https://) can be saved to Gloss.");
      }
      const settings = await readSettings(ext);
      if (isServerPage(settings.serverUrl, tab.url)) {
        throw new GlossError("own_page", "This page belongs to your Gloss server; there is nothing to save.");
      }
      if (!isConfigured(settings)) {
        await ext.runtime.openOptionsPage();
        throw new GlossError("not_configured", "Gloss is not set up yet: enter your server and sign in on the options page.");
      }
      const api = apiFor(settings);
      await badge.showSaving(ext, tabId);
      const snapshot = await capture(tabId);
      const body = await gzipJson(snapshot);
      let result;
      try {
        result = await api.savePageBody(body);
      } catch (error) {
        if (error.kind !== "unreachable" && error.kind !== "server") throw error;
        await enqueueSave(ext, { url: snapshot.url, title: snapshot.title, body });
        const message = `${error.message} The page is queued and will be saved when the server answers again.`;
        await badge.showQueued(ext, tabId, message);
        await notify("gloss-error", "Gloss will save this page later", message);
        await tellTab(tabId, { type: TYPES.SHOW_MESSAGE, level: "error", text: message, kind: error.kind });
        return { ok: false, queued: true, error: message };
      }
      const { page, created } = result;
      await badge.showSaved(ext, tabId, created);
      if (page.notice) await notify("gloss-notice", "Gloss kept the previous version", page.notice);
      const link = await api.createLoginLink(page.id);
      await ext.tabs.create({ url: link, index: tab.index + 1, openerTabId: tabId, active: true });
      await tellTab(tabId, { type: TYPES.REDRAW });
      retryInBackground();
      return { ok: true, pageId: page.id, created };
    } catch (error) {
      await reportFailure(tabId, error);
      return failure(error);
    }
  }

  async function highlightSelection(tab, frameId = 0) {
    if (frameId !== 0) {
      await notify("gloss-error", "Gloss", "Gloss highlights text in the page itself, not inside embedded frames.");
      return;
    }
    const answer = await tellTab(tab.id, { type: TYPES.HIGHLIGHT_SELECTION });
    if (answer === null) {
      await notify("gloss-error", "Gloss cannot highlight here", "Reload the page and try again: Gloss was not running in it yet.");
    }
  }

  // --- Messages from content scripts ------------------------------------------

  async function pageOpened(message, sender) {
    const url = message.url ?? sender.tab?.url;
    const settings = await readSettings(ext);
    if (!isWebPage(url) || isServerPage(settings.serverUrl, url)) return { enabled: false, highlights: [] };
    if (!isConfigured(settings)) return { enabled: true, configured: false, highlights: [] };
    let page;
    try {
      page = await apiFor(settings).lookupPage(url);
    } catch (error) {
      return { enabled: true, configured: true, highlights: [], error: error.message };
    }
    retryInBackground();
    return {
      enabled: true,
      configured: true,
      pageId: page?.id ?? null,
      highlights: page ? (page.highlights ?? []).map((h) => forContentScript(h, page.text)) : [],
    };
  }

  async function createHighlight(message, sender) {
    try {
      const api = apiFor(await readSettings(ext));
      let page = await api.lookupPage(message.url);
      if (!page || !hasArticle(page)) {
        const snapshot = await ext.tabs.sendMessage(sender.tab.id, { type: TYPES.CAPTURE_PAGE }, sender.frameId ?? 0);
        ({ page } = await api.savePage(snapshot));
      }
      const highlight = await api.createHighlight(page.id, {
        quote: message.quote,
        prefix: message.prefix ?? "",
        suffix: message.suffix ?? "",
        color: message.color,
      });
      retryInBackground();
      return { ok: true, highlight: forContentScript(highlight, null) };
    } catch (error) {
      return failure(error);
    }
  }

  async function updateHighlight(message) {
    try {
      const changes = Object.fromEntries(
        Object.entries(message.changes ?? {}).filter(([name]) => HIGHLIGHT_FIELDS.includes(name)),
      );
      const highlight = await apiFor(await readSettings(ext)).updateHighlight(message.id, changes);
      return { ok: true, highlight: forContentScript(highlight, null) };
    } catch (error) {
      return failure(error);
    }
  }

  async function deleteHighlight(message) {
    try {
      await apiFor(await readSettings(ext)).deleteHighlight(message.id);
      return { ok: true };
    } catch (error) {
      return failure(error);
    }
  }

  async function anchoringResult(message, sender) {
    if (sender.tab?.id != null) {
      await badge.showMissingHighlights(ext, sender.tab.id, message.missing ?? 0, message.total ?? 0);
    }
    return { ok: true };
  }

  async function openOptions() {
    await ext.runtime.openOptionsPage();
    return { ok: true };
  }

  const messageHandlers = {
    pageOpened,
    createHighlight,
    updateHighlight,
    deleteHighlight,
    anchoringResult,
    openOptions,
  };

  // --- Browser events -------------------------------------------------------------

  async function installMenus() {
    await ext.menus.replaceAll([
      { id: MENU_IDS.highlight, title: "Highlight with Gloss", contexts: ["selection"], documentUrlPatterns: WEB_PAGES },
      { id: MENU_IDS.save, title: "Save page to Gloss", contexts: ["page"], documentUrlPatterns: WEB_PAGES },
    ]);
  }

  return {
    saveTab,
    retryQueuedSaves,
    onMessage: (message, sender) => globalThis.GlossMessages.dispatch(message, sender, messageHandlers),
    onActionClicked: (tab) => saveTab(tab),
    async onCommand(command, tab) {
      if (!tab) return;
      if (command === COMMANDS.save) await saveTab(tab);
      if (command === COMMANDS.highlight) await highlightSelection(tab);
    },
    async onMenuClicked(info, tab) {
      if (!tab) return;
      if (info.menuItemId === MENU_IDS.save) await saveTab(tab);
      if (info.menuItemId === MENU_IDS.highlight) await highlightSelection(tab, info.frameId ?? 0);
    },
    async onAlarm(alarm) {
      if (alarm.name === RETRY_ALARM) await retryQueuedSaves();
    },
    async onStartup() {
      await installMenus();
      await retryQueuedSaves();
    },
    async onInstalled(details) {
      await installMenus();
      if (details?.reason === "install" && !isConfigured(await readSettings(ext))) {
        await ext.runtime.openOptionsPage();
      }
    },
  };
}
