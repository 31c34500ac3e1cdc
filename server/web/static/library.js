// The library keeps pages that are being fetched up to date: it asks the API for their
// state now and then, and when one is done, swaps its card for the one the server now
// renders (so the card is drawn by one template, not twice).
(function () {
  "use strict";

  const FIRST_DELAY_MS = 1500;
  const MAX_DELAY_MS = 15000;
  const GIVE_UP_AFTER_MS = 15 * 60 * 1000;
  const CARDS_PER_ROUND = 12; // a long list of fetching links is checked a few at a time

  const fetchingCards = () => [...document.querySelectorAll('.page-card[data-page-state="fetching"]')];

  async function pageState(id) {
    const response = await fetch(`/api/v1/pages/${encodeURIComponent(id)}`, {
      credentials: "same-origin", headers: { Accept: "application/json" }, cache: "no-store",
    });
    if (response.status === 404) return "gone";
    if (!response.ok) throw new Error(`status ${response.status}`);
    return (await response.json()).state;
  }

  async function renderedCards() {
    const response = await fetch(location.href, { credentials: "same-origin", cache: "no-store" });
    if (!response.ok) throw new Error(`status ${response.status}`);
    const doc = new DOMParser().parseFromString(await response.text(), "text/html");
    return new Map([...doc.querySelectorAll(".page-card[data-page-id]")].map((card) => [card.dataset.pageId, card]));
  }

  async function refresh(cards) {
    const fresh = await renderedCards();
    for (const card of cards) {
      const replacement = fresh.get(card.dataset.pageId);
      if (replacement) card.replaceWith(document.importNode(replacement, true));
      else card.remove();
    }
  }

  const started = Date.now();
  let delay = FIRST_DELAY_MS;
  let round = 0;

  async function poll() {
    const all = fetchingCards();
    if (!all.length || Date.now() - started > GIVE_UP_AFTER_MS) return;
    const offset = (round++ * CARDS_PER_ROUND) % all.length;
    const cards = all.slice(offset, offset + CARDS_PER_ROUND);
    try {
      const states = await Promise.all(cards.map((card) => pageState(card.dataset.pageId)));
      const finished = cards.filter((_card, i) => states[i] !== "fetching");
      if (finished.length) {
        await refresh(finished);
        delay = FIRST_DELAY_MS;
      } else {
        delay = Math.min(delay * 1.5, MAX_DELAY_MS);
      }
    } catch {
      delay = MAX_DELAY_MS; // offline or signed out: try again later, quietly
    }
    setTimeout(poll, delay);
  }

  if (fetchingCards().length) setTimeout(poll, FIRST_DELAY_MS);
})();
