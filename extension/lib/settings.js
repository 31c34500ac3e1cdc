// Where the extension keeps its settings, and the rules a server URL must
// follow. The storage keys are part of the pinned interface.

export const STORAGE_KEYS = Object.freeze({ serverUrl: "serverUrl", apiToken: "apiToken" });

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1"]);

export class SettingsError extends Error {}

// Returns the server's base URL (scheme, host, port and an optional path
// prefix, no trailing slash) or throws a SettingsError saying what is wrong.
// Plain http is refused except on this computer: the API token and every
// saved page would otherwise cross the network readable by anyone on it.
export function normalizeServerUrl(input) {
  const raw = String(input ?? "").trim();
  if (!raw) throw new SettingsError("Enter the address of your Gloss server.");
  let url;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`);
  } catch {
    throw new SettingsError(`"${raw}" is not a valid web address.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new SettingsError("The server address must start with https://.");
  }
  if (url.protocol === "http:" && !LOCAL_HOSTS.has(url.hostname)) {
    throw new SettingsError(
      "Plain http:// is only allowed for localhost or 127.0.0.1: use https:// " +
        "so that your token and pages are not sent unencrypted.",
    );
  }
  if (url.username || url.password) {
    throw new SettingsError("Leave the user name and password out of the server address.");
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}

export async function readSettings(ext) {
  const stored = await ext.storage.get([STORAGE_KEYS.serverUrl, STORAGE_KEYS.apiToken]);
  return {
    serverUrl: stored[STORAGE_KEYS.serverUrl] || null,
    apiToken: stored[STORAGE_KEYS.apiToken] || null,
  };
}

export function isConfigured(settings) {
  return Boolean(settings.serverUrl && settings.apiToken);
}

// True for pages served by the Gloss server itself: its reader view draws
// highlights on its own, the extension must stay out of the way there.
export function isServerPage(serverUrl, pageUrl) {
  if (!serverUrl || !pageUrl) return false;
  try {
    return new URL(serverUrl).origin === new URL(pageUrl).origin;
  } catch {
    return false;
  }
}

export function isWebPage(pageUrl) {
  return /^https?:\/\//i.test(String(pageUrl ?? ""));
}
