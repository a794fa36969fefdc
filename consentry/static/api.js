// Calls to the Consentry HTTP API with the signed-in key; errors become Problem objects.

const KEY_NAME = "consentry.apiKey";

export const session = {
  get key() {
    return sessionStorage.getItem(KEY_NAME);
  },
  signIn(key) {
    sessionStorage.setItem(KEY_NAME, key);
  },
  signOut() {
    sessionStorage.removeItem(KEY_NAME);
  },
};

// An RFC 9457 problem document (or the nearest thing a failed call gave us).
export class Problem extends Error {
  constructor(status, body) {
    const title = body.title || (status ? `HTTP ${status}` : "Request failed");
    super(body.detail || title);
    this.status = status;
    this.title = title;
    this.detail = body.detail || "";
    this.errors = Array.isArray(body.errors) ? body.errors : [];
  }
}

export function pathOf(template, ...values) {
  let index = 0;
  return template.replace(/\{[^}]+\}/g, () => encodeURIComponent(values[index++]));
}

function urlWith(path, query) {
  const url = new URL(path, window.location.origin);
  for (const [name, value] of Object.entries(query || {})) {
    if (value !== undefined && value !== null && value !== "") {
      url.searchParams.set(name, String(value));
    }
  }
  return url;
}

async function problemFrom(response) {
  const text = await response.text();
  try {
    const body = JSON.parse(text);
    if (body && typeof body === "object") return new Problem(response.status, body);
  } catch {
    // not JSON: fall through and show the text as it came
  }
  return new Problem(response.status, {
    title: response.statusText || "The service answered with an error",
    detail: text.slice(0, 300),
  });
}

// Send one request; `key` overrides the session's key (used when signing in).
export async function send(path, { method = "GET", query, body, key, accept } = {}) {
  const headers = { Accept: accept || "application/json" };
  const bearer = key ?? session.key;
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  let response;
  try {
    response = await fetch(urlWith(path, query), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    throw new Problem(0, {
      title: "The service did not answer",
      detail: `${error.message}. Check that Consentry is running and reachable.`,
    });
  }
  if (!response.ok) throw await problemFrom(response);
  return response;
}

export async function api(path, options) {
  const response = await send(path, options);
  if (response.status === 204) return null;
  return response.json();
}
