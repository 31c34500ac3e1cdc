// Drives Debian's firefox-esr over WebDriver BiDi with the extension
// installed as a temporary add-on: saves a page and highlights a passage in
// it, then prints one JSON line with what happened. Started by
// tests/browser/test_extension.py, which provides the Gloss server and the
// page and checks the result through the API.
//
//   node firefox_bidi.mjs SERVER_URL API_TOKEN PAGE_URL QUOTE
//
// Firefox has no counterpart of Chrome's Extensions.triggerAction and BiDi
// may not navigate to moz-extension:// pages, so the save runs the service
// worker's own saveTab() inside the options page (which the extension opens
// itself on install): same code, same Firefox APIs, minus the click.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const EXTENSION = fileURLToPath(new URL("../../extension", import.meta.url));
const [serverUrl, apiToken, pageUrl, quote] = process.argv.slice(2);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

class Bidi {
  static async connect(port) {
    for (let attempt = 0; attempt < 100; attempt++) {
      try {
        const socket = new WebSocket(`ws://127.0.0.1:${port}/session`);
        await new Promise((resolve, reject) => {
          socket.onopen = resolve;
          socket.onerror = reject;
        });
        return new Bidi(socket);
      } catch {
        await sleep(200);
      }
    }
    throw new Error("Firefox did not open its WebDriver BiDi port");
  }

  constructor(socket) {
    this.socket = socket;
    this.nextId = 0;
    this.waiting = new Map();
    socket.onmessage = (event) => {
      const message = JSON.parse(event.data);
      this.waiting.get(message.id)?.(message);
      this.waiting.delete(message.id);
    };
  }

  send(method, params = {}) {
    const id = ++this.nextId;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, (message) =>
        message.type === "error" ? reject(new Error(`${method}: ${message.error}: ${message.message}`)) : resolve(message.result),
      );
      this.socket.send(JSON.stringify({ id, method, params }));
    });
  }

  // Evaluates an async expression in a browsing context; returns its value.
  async evaluate(context, expression) {
    const answer = await this.send("script.evaluate", {
      expression,
      target: { context },
      awaitPromise: true,
      resultOwnership: "none",
    });
    if (answer.type === "exception") throw new Error(`${expression.slice(0, 60)}…: ${answer.exceptionDetails.text}`);
    return answer.result.value;
  }

  async contexts() {
    return (await this.send("browsingContext.getTree", {})).contexts;
  }

  async waitFor(description, check, seconds = 20) {
    for (let i = 0; i < seconds * 5; i++) {
      const value = await check().catch(() => null);
      if (value) return value;
      await sleep(200);
    }
    throw new Error(`timed out waiting for ${description}`);
  }
}

async function run() {
  const profile = mkdtempSync(join(tmpdir(), "gloss-firefox-"));
  writeFileSync(join(profile, "user.js"), [
    'user_pref("browser.shell.checkDefaultBrowser", false);',
    'user_pref("datareporting.policy.dataSubmissionEnabled", false);',
    'user_pref("app.update.disabledForTesting", true);',
  ].join("\n"));
  const port = await freePort();
  const firefox = spawn("firefox-esr", ["--headless", "--no-remote", "--profile", profile, "--remote-debugging-port", String(port)], {
    stdio: "ignore",
  });
  let bidi;
  try {
    bidi = await Bidi.connect(port);
    await bidi.send("session.new", { capabilities: {} });
    await bidi.send("webExtension.install", { extensionData: { type: "path", path: EXTENSION } });
    const options = await bidi.waitFor("the options page the extension opens on install", async () =>
      (await bidi.contexts()).find((c) => c.url.startsWith("moz-extension://") && c.url.endsWith("/options/options.html"))?.context,
    );
    await bidi.evaluate(options, `browser.storage.local.set(${JSON.stringify({ serverUrl, apiToken })}).then(() => "ok")`);

    const { context: tab } = await bidi.send("browsingContext.create", { type: "tab" });
    await bidi.send("browsingContext.navigate", { context: tab, url: pageUrl, wait: "complete" });
    await bidi.waitFor("the content script", () => bidi.evaluate(tab, 'Promise.resolve(!!document.querySelector("gloss-ui"))'));

    const saved = JSON.parse(await bidi.evaluate(options, `(async () => {
      await import("../lib/messages.js");
      const { createService } = await import("../background/service.js");
      const tab = (await browser.tabs.query({})).find((t) => t.url === ${JSON.stringify(pageUrl)});
      return JSON.stringify(await createService({ ext: globalThis.GlossBrowser }).saveTab(tab));
    })()`));
    const readerUrl = await bidi.waitFor("the reader tab", async () =>
      (await bidi.contexts()).find((c) => c.url.startsWith(`${serverUrl}/pages/`))?.url,
    );

    // Select the quote and click the floating button, from the page's side.
    await bidi.evaluate(tab, `(async () => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      let node;
      while ((node = walker.nextNode()) && !node.data.includes(${JSON.stringify(quote)}));
      const at = node.data.indexOf(${JSON.stringify(quote)});
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + ${JSON.stringify(quote)}.length);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      document.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
      await new Promise((resolve) => setTimeout(resolve, 100));
      document.querySelector("gloss-ui").shadowRoot.querySelector('[data-gloss-action="highlight"]').click();
      return "clicked";
    })()`);
    const marked = await bidi.waitFor("the highlight's marks", () =>
      bidi.evaluate(tab, 'Promise.resolve([...document.querySelectorAll("mark[data-gloss-highlight]")].map((m) => m.textContent).join(""))'),
    );
    return { saved, readerUrl, marked };
  } finally {
    bidi?.socket.close();
    firefox.kill();
    await new Promise((resolve) => firefox.once("exit", resolve));
    rmSync(profile, { recursive: true, force: true });
  }
}

run().then(
  (result) => console.log(JSON.stringify(result)),
  (error) => {
    console.log(JSON.stringify({ error: error.message }));
    process.exitCode = 1;
  },
);
