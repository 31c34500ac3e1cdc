// A background job's progress page: asks the jobs API how far the job went until it
// has finished, and moves the bar and the counts. Without this script the page still
// shows where the job stood when it was opened.
(function () {
  "use strict";

  const root = document.querySelector("[data-job-id]");
  if (!root) return;
  const FINISHED = new Set(["done", "failed"]);
  const DELAY_MS = 1000;
  const MAX_DELAY_MS = 10000;
  const bar = root.querySelector("progress");
  const count = root.querySelector("[data-job-count]");
  const label = root.querySelector("[data-job-label]");
  const outcome = root.querySelector("[data-job-outcome]");
  let delay = DELAY_MS;

  function show(job) {
    root.dataset.jobState = job.state;
    if (job.total > 0) {
      bar.max = job.total;
      bar.value = Math.min(job.done, job.total);
      count.textContent = `${job.done} of ${job.total}`;
    } else if (FINISHED.has(job.state)) {
      bar.max = 1;
      bar.value = 1;
    }
    label.textContent = root.dataset[`label${job.state[0].toUpperCase()}${job.state.slice(1)}`] || job.state;
    if (job.state === "failed" && job.error) {
      outcome.textContent = job.error;
      outcome.hidden = false;
    }
  }

  async function poll() {
    try {
      const response = await fetch(`/api/v1/jobs/${encodeURIComponent(root.dataset.jobId)}`, {
        credentials: "same-origin", headers: { Accept: "application/json" }, cache: "no-store",
      });
      if (!response.ok) throw new Error(`status ${response.status}`);
      const job = await response.json();
      show(job);
      if (FINISHED.has(job.state)) {
        // The summary of what came of it is written by the server: fetch the page once more.
        const fresh = await fetch(location.href, { credentials: "same-origin", cache: "no-store" });
        if (fresh.ok) {
          const doc = new DOMParser().parseFromString(await fresh.text(), "text/html");
          const summary = doc.querySelector("[data-job-summary]");
          const here = root.querySelector("[data-job-summary]");
          if (summary && here) here.replaceWith(document.importNode(summary, true));
        }
        return;
      }
      delay = DELAY_MS;
    } catch {
      delay = Math.min(delay * 2, MAX_DELAY_MS);
    }
    setTimeout(poll, delay);
  }

  if (!FINISHED.has(root.dataset.jobState)) setTimeout(poll, DELAY_MS);
})();
