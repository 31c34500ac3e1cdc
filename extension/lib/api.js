// Calls to the Gloss server's JSON API (/api/v1): authentication, gzip
// bodies, and turning every failure into a GlossError whose message a
// person can act on.

const API_PREFIX = "/api/v1";
const DEFAULT_TIMEOUT_MS = 30_000;
// Extraction of a large page takes a while on a small server.
const SAVE_TIMEOUT_MS = 120_000;

// `kind` is what callers branch on; `message` is shown to the user.
export class GlossError extends Error {
  constructor(kind, message, { status = null, code = null } = {}) {
    super(message);
    this.name = "GlossError";
    this.kind = kind;
    this.status = status;
    this.code = code;
  }

  // Worth retrying later without the user doing anything.
  get isTransient() {
    return this.kind === "unreachable" || this.kind === "rate_limited" || this.kind === "server";
  }
}

export async function gzipJson(value) {
  const stream = new Blob([JSON.stringify(value)])
    .stream()
    .pipeThrough(new CompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function describeServer(serverUrl) {
  try {
    return new URL(serverUrl).host;
  } catch {
    return serverUrl;
  }
}

async function readJson(response) {
  const type = response.headers.get("content-type") ?? "";
  if (!type.includes("json")) return undefined;
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

export class GlossApi {
  constructor({ serverUrl, token = null, fetch = globalThis.fetch.bind(globalThis) }) {
    if (!serverUrl) {
      throw new GlossError(
        "not_configured",
        "Gloss is not set up yet: open the extension's options and enter your server and token.",
      );
    }
    this.serverUrl = serverUrl.replace(/\/+$/, "");
    this.token = token;
    this.fetch = fetch;
    this.host = describeServer(this.serverUrl);
  }

  url(path, query) {
    const url = new URL(`${this.serverUrl}${API_PREFIX}${path}`);
    for (const [name, value] of Object.entries(query ?? {})) url.searchParams.set(name, value);
    return url.href;
  }

  async request(method, path, { json, gzipBody, query, auth = true, timeout = DEFAULT_TIMEOUT_MS } = {}) {
    const headers = { Accept: "application/json" };
    if (auth) {
      if (!this.token) {
        throw new GlossError(
          "not_configured",
          "No API token is set: open the extension's options and sign in to your Gloss server.",
        );
      }
      headers.Authorization = `Bearer ${this.token}`;
    }
    let body;
    if (gzipBody) {
      headers["Content-Type"] = "application/json";
      headers["Content-Encoding"] = "gzip";
      body = gzipBody;
    } else if (json !== undefined) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(json);
    }
    let response;
    try {
      response = await this.fetch(this.url(path, query), {
        method,
        headers,
        body,
        credentials: "omit",
        signal: AbortSignal.timeout(timeout),
      });
    } catch (error) {
      const timedOut = error?.name === "TimeoutError";
      throw new GlossError(
        "unreachable",
        timedOut
          ? `The Gloss server at ${this.host} did not answer in time.`
          : `The Gloss server at ${this.host} could not be reached. Is it running, and is the address right?`,
      );
    }
    const data = response.status === 204 ? null : await readJson(response);
    if (response.ok) {
      if (data === undefined && response.status !== 204) throw this.notGloss(response.status);
      return { status: response.status, data };
    }
    throw this.errorFor(response.status, data);
  }

  notGloss(status) {
    return new GlossError(
      "not_gloss",
      `${this.host} did not answer like a Gloss server (HTTP ${status}). Check the server address.`,
      { status },
    );
  }

  errorFor(status, data) {
    const error = data?.error;
    if (!error || typeof error.code !== "string") return this.notGloss(status);
    const detail = typeof error.message === "string" && error.message ? error.message : error.code;
    const options = { status, code: error.code };
    switch (error.code) {
      case "unauthorized":
        return new GlossError(
          "unauthorized",
          "The Gloss server refused the API token. Sign in again in the extension's options.",
          options,
        );
      case "invalid_credentials":
        return new GlossError("invalid_credentials", "Wrong user name or password.", options);
      case "rate_limited":
        return new GlossError("rate_limited", `Too many attempts: ${detail}. Try again in a minute.`, options);
      case "too_large":
        return new GlossError("too_large", "This page is larger than the Gloss server accepts.", options);
      case "no_article":
        return new GlossError("no_article", `Gloss found no article on this page: ${detail}.`, options);
      case "not_found":
        return new GlossError("not_found", detail, options);
      default:
        if (status >= 500) {
          return new GlossError("server", `The Gloss server failed (HTTP ${status}): ${detail}`, options);
        }
        return new GlossError("rejected", `The Gloss server refused the request: ${detail}`, options);
    }
  }

  // GET /server needs no token; it is how a Gloss server is recognised.
  async serverInfo() {
    const { data } = await this.request("GET", "/server", { auth: false });
    if (data?.name !== "gloss") throw this.notGloss(200);
    return data;
  }

  async createToken(username, password) {
    const { data } = await this.request("POST", "/tokens", {
      json: { username, password },
      auth: false,
    });
    if (typeof data?.token !== "string") throw this.notGloss(201);
    return data.token;
  }

  // Any authenticated read tells whether the token is accepted.
  async checkToken() {
    await this.request("GET", "/pages", { query: { limit: "1" } });
  }

  async savePage({ url, html, title }) {
    return this.savePageBody(await gzipJson({ url, html, title }));
  }

  // `body` is the gzip-compressed JSON {url, html, title} (queued saves keep
  // it compressed). Resolves to {page, created}.
  async savePageBody(body) {
    const { status, data } = await this.request("POST", "/pages", {
      gzipBody: body,
      timeout: SAVE_TIMEOUT_MS,
    });
    return { page: data, created: status === 201 };
  }

  // The caller's page saved from `url`, or null when there is none.
  async lookupPage(url) {
    try {
      const { data } = await this.request("GET", "/pages/lookup", { query: { url } });
      return data;
    } catch (error) {
      if (error.kind === "not_found") return null;
      throw error;
    }
  }

  async createLoginLink(pageId) {
    const { data } = await this.request("POST", "/login-links", { json: { page_id: pageId } });
    if (typeof data?.url !== "string") throw this.notGloss(201);
    return new URL(data.url, `${this.serverUrl}/`).href;
  }

  async createHighlight(pageId, fields) {
    try {
      const { data } = await this.request("POST", `/pages/${encodeURIComponent(pageId)}/highlights`, {
        json: fields,
      });
      return data;
    } catch (error) {
      if (error.status === 422) {
        throw new GlossError(
          "not_in_article",
          "This passage is not part of the article Gloss saved from this page " +
            "(menus, sidebars and comments are left out), so it was not highlighted.",
          { status: 422, code: error.code },
        );
      }
      throw error;
    }
  }

  async updateHighlight(id, changes) {
    const { data } = await this.request("PATCH", `/highlights/${encodeURIComponent(id)}`, {
      json: changes,
    });
    return data;
  }

  async deleteHighlight(id) {
    await this.request("DELETE", `/highlights/${encodeURIComponent(id)}`);
  }
}
