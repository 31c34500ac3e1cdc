// What the toolbar button's badge says about the current tab. Badges are
// per tab, so a save in one tab never overwrites what another one shows.

const COLORS = Object.freeze({
  progress: "#1f6feb",
  success: "#1a7f37",
  warning: "#bf6a02",
  error: "#cf222e",
});

export const IDLE_TITLE = "Save to Gloss";

async function setBadge(ext, tabId, badge) {
  try {
    await ext.action.setBadge(tabId, badge);
  } catch {
    // The tab was closed meanwhile: nothing left to show the state on.
  }
}

export const showSaving = (ext, tabId) =>
  setBadge(ext, tabId, { text: "…", color: COLORS.progress, title: "Saving to Gloss…" });

export const showSaved = (ext, tabId, created) =>
  setBadge(ext, tabId, {
    text: "✓",
    color: COLORS.success,
    title: created ? "Saved to Gloss" : "Updated in Gloss",
  });

export const showQueued = (ext, tabId, message) =>
  setBadge(ext, tabId, { text: "…", color: COLORS.warning, title: message });

export const showError = (ext, tabId, message) =>
  setBadge(ext, tabId, { text: "!", color: COLORS.error, title: `Gloss: ${message}` });

// Saved highlights the content script could not find on the page are
// counted, never silently dropped. When all are found again only an earlier
// count is cleared: a fresh "saved" mark stays.
export async function showMissingHighlights(ext, tabId, missing, total) {
  if (!missing) {
    const shown = await ext.action.getBadgeText(tabId).catch(() => "");
    if (/^\d+$/.test(shown)) await setBadge(ext, tabId, { text: "", title: IDLE_TITLE });
    return;
  }
  const noun = total === 1 ? "highlight" : "highlights";
  return setBadge(ext, tabId, {
    text: String(missing),
    color: COLORS.warning,
    title: `${missing} of ${total} Gloss ${noun} could not be found on this page (the text changed).`,
  });
}
