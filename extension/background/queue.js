// Saves that could not reach the server wait in storage.local (the service
// worker may be stopped at any time) and are sent again by an alarm, when
// the browser starts, and after the next call that reached the server.
// Bodies are kept gzip-compressed (base64): storage.local is small.

export const QUEUE_KEY = "saveQueue";
export const RETRY_ALARM = "gloss-retry-saves";
const RETRY_MINUTES = 1;
const MAX_ENTRIES = 20;

// Failures that will not go away by sending the same page again.
const PERMANENT_KINDS = new Set(["no_article", "too_large", "rejected"]);

export function toBase64(bytes) {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

export function fromBase64(text) {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export async function queuedSaves(ext) {
  const stored = await ext.storage.get(QUEUE_KEY);
  return Array.isArray(stored[QUEUE_KEY]) ? stored[QUEUE_KEY] : [];
}

async function writeQueue(ext, entries) {
  await ext.storage.set({ [QUEUE_KEY]: entries });
  if (entries.length) {
    if (!(await ext.alarms.get(RETRY_ALARM))) {
      await ext.alarms.create(RETRY_ALARM, { periodInMinutes: RETRY_MINUTES });
    }
  } else {
    await ext.alarms.clear(RETRY_ALARM);
  }
}

// A newer save of the same URL replaces the waiting one: only the latest
// state of a page matters.
export async function enqueueSave(ext, { url, title, body }) {
  const entries = (await queuedSaves(ext)).filter((entry) => entry.url !== url);
  if (entries.length >= MAX_ENTRIES) {
    throw new Error(`${MAX_ENTRIES} saves are already waiting for the server; this one was not kept.`);
  }
  entries.push({ id: `${Date.now()}-${Math.random().toString(36).slice(2)}`, url, title, body: toBase64(body), queuedAt: new Date().toISOString(), attempts: 0 });
  await writeQueue(ext, entries);
}

async function updateEntries(ext, change) {
  await writeQueue(ext, change(await queuedSaves(ext)));
}

// Sends the waiting saves, oldest first, and stops at the first one that
// cannot reach the server. Resolves to {saved: [entry], failed: [{entry, error}], remaining}.
export async function flushSaves(ext, api) {
  const saved = [];
  const failed = [];
  for (const entry of await queuedSaves(ext)) {
    try {
      await api.savePageBody(fromBase64(entry.body));
      saved.push(entry);
      await updateEntries(ext, (entries) => entries.filter((e) => e.id !== entry.id));
    } catch (error) {
      if (PERMANENT_KINDS.has(error.kind)) {
        failed.push({ entry, error });
        await updateEntries(ext, (entries) => entries.filter((e) => e.id !== entry.id));
        continue;
      }
      await updateEntries(ext, (entries) =>
        entries.map((e) => (e.id === entry.id ? { ...e, attempts: e.attempts + 1, lastError: error.message } : e)),
      );
      break;
    }
  }
  return { saved, failed, remaining: (await queuedSaves(ext)).length };
}
