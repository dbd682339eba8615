// The JSON API, called with the token the person typed: the page has no access of its own.
// The token stays in sessionStorage, so it goes when the tab closes.
const TOKEN_KEY = 'geldstroom.token';

/** An RFC 9457 problem the API answered with (or a failure to reach it). */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    readonly title: string,
    readonly detail: string | undefined,
  ) {
    super(detail ?? title);
  }
}

export const session = {
  token: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  signIn: (token: string): void => sessionStorage.setItem(TOKEN_KEY, token),
  signOut: (): void => sessionStorage.removeItem(TOKEN_KEY),
};

export type Params = Record<string, string | number | boolean | undefined | null>;

export function getJson<T>(path: string, params: Params = {}, token = session.token()): Promise<T> {
  return call<T>('GET', path, params, token);
}

export function postJson<T>(path: string, token = session.token()): Promise<T> {
  return call<T>('POST', path, {}, token);
}

export function urlOf(path: string, params: Params = {}): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') query.set(name, String(value));
  return query.size > 0 ? `${path}?${query}` : path;
}

async function call<T>(method: string, path: string, params: Params, token: string | null): Promise<T> {
  const response = await send(method, urlOf(path, params), 'application/json', token);
  return (await response.json().catch(() => null)) as T;
}

async function send(method: string, url: string, accept: string, token: string | null): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, { method, headers: { Accept: accept, ...(token ? { Authorization: `Bearer ${token}` } : {}) } });
  } catch (error) {
    throw new ApiProblem(0, 'network', 'De API is niet bereikbaar', error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) {
    const problem = ((await response.json().catch(() => null)) ?? {}) as { type?: string; title?: string; detail?: string };
    throw new ApiProblem(response.status, problem.type ?? `/problems/http-${response.status}`, problem.title ?? response.statusText, problem.detail);
  }
  return response;
}

/**
 * Saves a file the API makes (an export) under the name the API gives it. The token goes in a
 * header, never in a link, so the file is fetched here and handed to the browser as a blob.
 */
export async function download(path: string, params: Params = {}, token = session.token()): Promise<string> {
  const response = await send('GET', urlOf(path, params), '*/*', token);
  const name = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? 'geldstroom-export';
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once the click is handled; the blob can go after that.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
