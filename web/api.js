// Calls to the cubcanvas HTTP API from the page. The token goes in the Authorization header only:
// never in a URL (URLs end up in server logs, history and Referer headers).

const TOKEN_KEY = 'cubcanvas.token';

export function savedToken() {
  try {
    return localStorage.getItem(TOKEN_KEY) || '';
  } catch {
    return ''; // storage disabled: the page works without a token
  }
}

export function saveToken(token) {
  try {
    if (token) localStorage.setItem(TOKEN_KEY, token);
    else localStorage.removeItem(TOKEN_KEY);
  } catch {
    /* storage disabled: the token lasts as long as the page */
  }
}

/** An answer that is an RFC 9457 problem: `name` is the part after urn:cubcanvas:problem:. */
export class ApiProblemError extends Error {
  constructor(status, problem, retryAfter) {
    super(problem.detail || `HTTP ${status}`);
    this.status = status;
    this.name = String(problem.type || '').replace(/^urn:cubcanvas:problem:/, '') || `HTTP${status}`;
    this.problems = Array.isArray(problem.problems) ? problem.problems : [];
    this.retryAfter = retryAfter;
  }
}

/** The server could not be reached at all (fetch itself failed). */
export class UnreachableError extends Error {
  constructor(cause) {
    super('the server cannot be reached');
    this.name = 'Unreachable';
    this.cause = cause;
  }
}

export function authHeaders(token) {
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** fetch() with the token; a problem answer becomes ApiProblemError, a network failure UnreachableError. */
export async function apiFetch(path, { token = savedToken(), method = 'GET', json, headers = {}, signal } = {}) {
  const init = { method, headers: { ...authHeaders(token), ...headers }, signal };
  if (json !== undefined) {
    init.headers['content-type'] = 'application/json';
    init.body = JSON.stringify(json);
  }
  let res;
  try {
    res = await fetch(path, init);
  } catch (err) {
    if (err && err.name === 'AbortError') throw err;
    throw new UnreachableError(err);
  }
  if (!res.ok) {
    let problem = {};
    try {
      problem = await res.json();
    } catch {
      problem = { detail: `HTTP ${res.status}` };
    }
    throw new ApiProblemError(res.status, problem, Number(res.headers.get('retry-after')) || undefined);
  }
  return res;
}

export async function apiJson(path, opts) {
  return (await apiFetch(path, opts)).json();
}

/**
 * A URL the page can show a finished picture from. An S3 store gives a presigned https URL
 * (usable as is); the filesystem store gives a path, so the bytes are fetched with the token and
 * shown from a blob: URL.
 */
export async function pictureUrl(status, token = savedToken()) {
  if (typeof status.imageUrl === 'string' && /^https?:\/\//.test(status.imageUrl)) return { url: status.imageUrl, owned: false };
  const res = await apiFetch(status.links.content, { token });
  return { url: URL.createObjectURL(await res.blob()), owned: true };
}
