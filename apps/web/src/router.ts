// Where the person is: a hash route (#/programmes/{id}?on=2024-07-08&asOf=2024-08-01), so a page
// with its dates can be bookmarked and sent on, and the server serves one index.html. Two times,
// as the ledger has them: `on` (Stand per: the business date, what had taken effect by then) and
// `asOf` (Zoals bekend op: knowledge time, what had been recorded by then). Both travel with
// every link, and so does the fiscal year a person picked.
export interface Route {
  /** e.g. ['programmes', 'pilot-werkvoorheerlen-2024'], [] for the overview. */
  readonly path: string[];
  readonly query: URLSearchParams;
}

/** What a link keeps unless it says otherwise. */
const KEPT = ['on', 'asOf', 'year'] as const;
type Kept = (typeof KEPT)[number];

export function currentRoute(): Route {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, query = ''] = hash.split('?', 2);
  return { path: path.split('/').filter(Boolean).map(decodeURIComponent), query: new URLSearchParams(query) };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Stand per: a business date, or null for "today" (everything that has taken effect). */
export function onOf(route: Route = currentRoute()): string | null {
  const on = route.query.get('on');
  return on && DATE.test(on) ? on : null;
}

/** Zoals bekend op: a date, an instant or a journal position; null for now. */
export function asOfOf(route: Route = currentRoute()): string | null {
  return route.query.get('asOf');
}

export function yearOf(route: Route = currentRoute()): number | null {
  const year = route.query.get('year');
  return year && /^\d{4}$/.test(year) ? Number(year) : null;
}

type Query = Record<string, string | number | null | undefined>;

/** A link to a page, keeping the dates and year of the current one unless `query` sets them (null drops one). */
export function href(path: string[], query: Query = {}, from: Route = currentRoute()): string {
  const params = new URLSearchParams();
  for (const name of KEPT) {
    const value = name in query ? query[name] : from.query.get(name);
    if (value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  for (const [name, value] of Object.entries(query)) {
    if (!(KEPT as readonly string[]).includes(name) && value !== undefined && value !== null && value !== '') params.set(name, String(value));
  }
  const tail = params.size > 0 ? `?${params}` : '';
  return `#/${path.map(encodeURIComponent).join('/')}${tail}`;
}

/** The current page with one kept parameter changed (null removes it), its other parameters left as they are. */
export function withKept(name: Kept, value: string | null): string {
  const route = currentRoute();
  const query: Query = {};
  route.query.forEach((v, k) => {
    if (!(KEPT as readonly string[]).includes(k)) query[k] = v;
  });
  return href(route.path, { ...query, [name]: value }, route);
}

/** Today in the reader's time zone, as YYYY-MM-DD: what "Stand per" shows when no date was picked. */
export function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
