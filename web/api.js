// Talks to the whoknows HTTP API of the server that served this page.  Every failure becomes an
// ApiError: `status` is the HTTP status (0 when the server could not be reached) and `body` the
// parsed JSON error body, when there is one.

export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
  get code() { return this.body?.error?.code ?? (this.status === 0 ? 'unreachable' : 'error'); }
  get unreachable() { return this.status === 0; }
}

// GET `path` with the query parameters `params` (null/undefined/'' values are left out).
export async function get(path, params = {}, { signal } = {}) {
  return request('GET', path, params, undefined, signal);
}

export async function post(path, body, { signal } = {}) {
  return request('POST', path, {}, body, signal);
}

async function request(method, path, params, body, signal) {
  const url = new URL(path, window.location.origin);
  for (const [k, v] of Object.entries(params)) {
    if (v !== undefined && v !== null && v !== '') url.searchParams.set(k, String(v));
  }
  let response;
  try {
    response = await fetch(url, {
      method,
      signal,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'The whoknows server cannot be reached. Check that it is running and try again.');
  }
  let json = null;
  try { json = await response.json(); } catch { json = null; }
  if (!response.ok) {
    throw new ApiError(response.status, json?.error?.message ?? `The server answered ${response.status}.`, json);
  }
  return json;
}

// Whether the server has an endpoint: the page shows the views whose endpoints exist.
// The list is fetched once, however many callers ask at the same time.
let operations = null;
export async function hasOperation(method, template) {
  if (operations === null) operations = loadOperations();
  return (await operations).has(`${method} ${template}`);
}

async function loadOperations() {
  const ops = new Set();
  try {
    const doc = await get('/v1/openapi.json');
    for (const [p, item] of Object.entries(doc.paths ?? {})) {
      for (const m of Object.keys(item)) ops.add(`${m.toUpperCase()} ${p}`);
    }
  } catch {
    // No list: only the views that need nothing beyond search and profiles.
  }
  return ops;
}
