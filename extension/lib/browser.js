// The one module that touches the WebExtension API (chrome.* in Chrome,
// browser.* in Firefox). Everything else receives `GlossBrowser` and can be
// tested with a fake of the same shape.
//
// Written as a classic script because content scripts cannot be ES modules:
// the manifest lists it before the content scripts, the options page loads it
// with a <script> tag and the service worker imports it for its side effect.
// A fake installed on globalThis beforehand (tests) is left in place.
(function installGlossBrowser() {
  "use strict";
  if (globalThis.GlossBrowser) return;
  const webext = globalThis.browser?.runtime ? globalThis.browser : globalThis.chrome;
  if (!webext?.runtime) return;

  const menusApi = () => webext.contextMenus ?? webext.menus;

  // Message listeners answer through sendResponse (returning true keeps the
  // channel open): Chrome ignores a returned Promise, Firefox accepts both.
  function onMessage(handler) {
    webext.runtime.onMessage.addListener((message, sender, sendResponse) => {
      Promise.resolve()
        .then(() => handler(message, sender))
        .then(
          (answer) => sendResponse(answer),
          (error) => sendResponse({ ok: false, error: String(error?.message ?? error) }),
        );
      return true;
    });
  }

  globalThis.GlossBrowser = Object.freeze({
    storage: Object.freeze({
      get: (keys) => webext.storage.local.get(keys),
      set: (items) => webext.storage.local.set(items),
      remove: (keys) => webext.storage.local.remove(keys),
    }),
    runtime: Object.freeze({
      sendMessage: (message) => webext.runtime.sendMessage(message),
      onMessage,
      onStartup: (listener) => webext.runtime.onStartup.addListener(listener),
      onInstalled: (listener) => webext.runtime.onInstalled.addListener(listener),
      openOptionsPage: () => webext.runtime.openOptionsPage(),
      getURL: (path) => webext.runtime.getURL(path),
    }),
    tabs: Object.freeze({
      create: (properties) => webext.tabs.create(properties),
      get: (tabId) => webext.tabs.get(tabId),
      sendMessage: (tabId, message, frameId = 0) =>
        webext.tabs.sendMessage(tabId, message, { frameId }),
    }),
    scripting: Object.freeze({
      // Runs `files` then `func` in the extension's isolated world of the
      // tab's top frame and returns what `func` returned.
      async run(tabId, { files = [], func, args = [] }) {
        const target = { tabId };
        if (files.length) await webext.scripting.executeScript({ target, files });
        const [injection] = await webext.scripting.executeScript({ target, func, args });
        return injection?.result;
      },
    }),
    action: Object.freeze({
      onClicked: (listener) => webext.action.onClicked.addListener(listener),
      async setBadge(tabId, { text = "", color = null, title = "" }) {
        const scope = tabId == null ? {} : { tabId };
        await webext.action.setBadgeText({ ...scope, text });
        if (color) await webext.action.setBadgeBackgroundColor({ ...scope, color });
        await webext.action.setTitle({ ...scope, title });
      },
      getBadgeText: (tabId) => webext.action.getBadgeText({ tabId }),
    }),
    menus: Object.freeze({
      async replaceAll(items) {
        await menusApi().removeAll();
        for (const item of items) menusApi().create(item);
      },
      onClicked: (listener) => menusApi().onClicked.addListener(listener),
    }),
    commands: Object.freeze({
      onCommand: (listener) => webext.commands.onCommand.addListener(listener),
    }),
    notifications: Object.freeze({
      show: (id, { title, message }) =>
        webext.notifications.create(id, {
          type: "basic",
          iconUrl: webext.runtime.getURL("icons/icon-128.png"),
          title,
          message,
        }),
    }),
    alarms: Object.freeze({
      create: (name, info) => webext.alarms.create(name, info),
      get: (name) => webext.alarms.get(name),
      clear: (name) => webext.alarms.clear(name),
      onAlarm: (listener) => webext.alarms.onAlarm.addListener(listener),
    }),
    permissions: Object.freeze({
      // Must be called straight from a user gesture (before any await).
      requestOrigins: (origins) => webext.permissions.request({ origins }),
    }),
  });
})();
