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

async function call<T>(method: string, path: string, params: Params, token: string | null): Promise<T> {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') query.set(name, String(value));
  const url = query.size > 0 ? `${path}?${query}` : path;
  let response: Response;
  try {
    response = await fetch(url, { method, headers: { Accept: 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) } });
  } catch (error) {
    throw new ApiProblem(0, 'network', 'De API is niet bereikbaar', error instanceof Error ? error.message : String(error));
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const problem = (body ?? {}) as { type?: string; title?: string; detail?: string };
    throw new ApiProblem(response.status, problem.type ?? `/problems/http-${response.status}`, problem.title ?? response.statusText, problem.detail);
  }
  return body as T;
}
