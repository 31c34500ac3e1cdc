// Small enhancements for every page; each form still works without them.
(function () {
  "use strict";

  // Destructive forms ask first.
  document.addEventListener("submit", (event) => {
    const form = event.target;
    const question = form instanceof HTMLFormElement ? form.dataset.confirm : undefined;
    if (question && !window.confirm(question)) event.preventDefault();
  });

  // Filter menus apply as soon as they change.
  document.addEventListener("change", (event) => {
    const field = event.target;
    if (field instanceof HTMLElement && field.hasAttribute("data-autosubmit") && field.form) {
      field.form.requestSubmit();
    }
  });

  // Copy buttons (the new API token).
  document.addEventListener("click", async (event) => {
    const button = event.target instanceof Element ? event.target.closest("[data-copy]") : null;
    if (!button) return;
    const field = document.querySelector(button.dataset.copy);
    if (!field) return;
    field.select();
    try {
      await navigator.clipboard.writeText(field.value);
      button.textContent = "Copied";
    } catch {
      button.textContent = "Press Ctrl+C";
    }
  });

  // The bookmarklet is for the bookmarks bar: clicked here, it only says so.
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("[data-bookmarklet]") : null;
    if (!link) return;
    event.preventDefault();
    link.textContent = "Drag me to your bookmarks bar";
  });

  // Menus that fold away on a phone (the reader's tags and actions): open on wider
  // screens, closed on narrow ones until tapped. Without this script they stay open.
  const narrow = window.matchMedia("(max-width: 640px)");
  const foldMenus = () => {
    for (const menu of document.querySelectorAll("details[data-fold-narrow]")) menu.open = !narrow.matches;
  };
  foldMenus();
  narrow.addEventListener("change", foldMenus);

  // The installable app's service worker (app shell only; see /sw.js).
  if ("serviceWorker" in navigator && window.isSecureContext) {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).catch(() => {});
  }

  document.addEventListener("focusin", (event) => {
    const field = event.target;
    if (field instanceof HTMLInputElement && field.hasAttribute("data-select-on-focus")) field.select();
  });
})();
