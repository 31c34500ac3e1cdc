// The options page: which Gloss server, and the API token to use with it.
// One button, "Save and test": the settings are stored only once the server
// answered as Gloss and accepted the token, so what the page says worked is
// what the toolbar button then uses. A user name and password are exchanged
// for a token once and not kept.

import { GlossApi } from "../lib/api.js";
import { normalizeServerUrl, readSettings, STORAGE_KEYS } from "../lib/settings.js";

const ext = globalThis.GlossBrowser;
const form = document.getElementById("settings");
const fields = {
  serverUrl: document.getElementById("server-url"),
  apiToken: document.getElementById("api-token"),
  username: document.getElementById("username"),
  password: document.getElementById("password"),
};
const status = document.getElementById("status");
const buttons = [document.getElementById("save")];
const tokensPage = document.getElementById("tokens-page");

function say(text, level) {
  status.textContent = text;
  status.className = level;
}

async function busy(work) {
  buttons.forEach((button) => (button.disabled = true));
  say("Checking…", "info");
  try {
    await work();
  } catch (error) {
    say(error?.message ?? String(error), "error");
  } finally {
    buttons.forEach((button) => (button.disabled = false));
  }
}

// Firefox lets the user withhold host access; asking for the server's origin
// must happen straight from the click, before anything is awaited.
function requestServerAccess(serverUrl) {
  try {
    return ext.permissions.requestOrigins([`${new URL(serverUrl).origin}/*`]);
  } catch (error) {
    return Promise.reject(error);
  }
}

async function ensureAccess(request, serverUrl) {
  const granted = await request.catch(() => false);
  if (!granted) {
    throw new Error(`Gloss needs your permission to reach ${new URL(serverUrl).host}; allow it and try again.`);
  }
}

function wantsPasswordSignIn() {
  return Boolean(fields.username.value.trim() || fields.password.value);
}

async function checkServer(api) {
  const info = await api.serverInfo();
  return info.version ? `Gloss ${info.version}` : "Gloss";
}

async function save(serverUrl, access) {
  await ensureAccess(access, serverUrl);
  const api = new GlossApi({ serverUrl });
  const name = await checkServer(api);
  let token = fields.apiToken.value.trim();
  if (wantsPasswordSignIn()) {
    const username = fields.username.value.trim();
    if (!username || !fields.password.value) throw new Error("Enter both your user name and your password.");
    token = await api.createToken(username, fields.password.value);
    fields.password.value = "";
  }
  if (!token) {
    throw new Error(`${name} answers at ${api.host}. Now enter your user name and password, or an API token, and press Save and test again.`);
  }
  api.token = token;
  await api.checkToken();
  await ext.storage.set({ [STORAGE_KEYS.serverUrl]: serverUrl, [STORAGE_KEYS.apiToken]: token });
  fields.serverUrl.value = serverUrl;
  fields.apiToken.value = token;
  fields.username.value = "";
  say(`Saved. Connected to ${name} at ${api.host}: click the Gloss button in the toolbar on any page to save it.`, "ok");
}

function withServerUrl(action) {
  return (event) => {
    event?.preventDefault();
    let serverUrl;
    try {
      serverUrl = normalizeServerUrl(fields.serverUrl.value);
    } catch (error) {
      say(error.message, "error");
      return;
    }
    const access = requestServerAccess(serverUrl);
    busy(() => action(serverUrl, access));
  };
}

// The hint's link follows the address typed, so it opens that server's tokens page.
function pointTokensLink() {
  try {
    tokensPage.href = `${normalizeServerUrl(fields.serverUrl.value)}/tokens`;
    tokensPage.textContent = tokensPage.href;
  } catch {
    tokensPage.removeAttribute("href");
    tokensPage.textContent = "/tokens";
  }
}

form.addEventListener("submit", withServerUrl(save));
fields.serverUrl.addEventListener("input", pointTokensLink);

readSettings(ext).then((settings) => {
  fields.serverUrl.value = settings.serverUrl ?? "";
  fields.apiToken.value = settings.apiToken ?? "";
  pointTokensLink();
});
