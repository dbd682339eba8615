// Where the person is: a hash route (#/programmes/{id}?asOf=2024-07-08), so a page and its
// as-of date can be bookmarked and sent on, and the server serves one index.html.
export interface Route {
  /** e.g. ['programmes', 'pilot-werkvoorheerlen-2024'], [] for the overview. */
  readonly path: string[];
  readonly query: URLSearchParams;
}

export function currentRoute(): Route {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, query = ''] = hash.split('?', 2);
  return { path: path.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(query) };
}

/** The as-of of the current route: a date, an instant or a journal position; null for now. */
export function asOfOf(route: Route = currentRoute()): string | null {
  return route.query.get('asOf');
}

/** A link to a page, keeping the as-of the person picked unless told otherwise. */
export function href(path: string[], query: Record<string, string | number | null | undefined> = {}, asOf: string | null = asOfOf()): string {
  const params = new URLSearchParams();
  if (asOf) params.set('asOf', asOf);
  for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== null) params.set(name, String(value));
  const tail = params.size > 0 ? `?${params}` : '';
  return `#/${path.map(encodeURIComponent).join('/')}${tail}`;
}

export function withAsOf(asOf: string | null): string {
  const route = currentRoute();
  const query: Record<string, string> = {};
  route.query.forEach((value, name) => {
    if (name !== 'asOf') query[name] = value;
  });
  return href(route.path, query, asOf);
}
