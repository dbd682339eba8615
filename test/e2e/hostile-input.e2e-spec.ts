// Thousands of random and malformed bodies sent to every command endpoint: the ledger never
// answers with a 5xx, and after every refused request its journal head and digest are unchanged.
import fc from 'fast-check';
import { startApi, type Harness } from '../support/api-harness';
import { books, COMMANDS, ON, SUPPLIER, type Books } from '../support/books';
import { expectCreated, post } from '../support/http';

let api: Harness;
let mine: Books;
let other: Books;

beforeAll(async () => {
  api = await startApi();
  for (const party of ['gemeente-a', 'gemeente-b', SUPPLIER]) {
    expectCreated(await post(api, '/v1/parties', { ...ON, partyId: party, name: `Organisatie ${party}`, kind: 'municipality' }));
  }
  mine = await books(api, 'gemeente-a');
  other = await books(api, 'gemeente-b');
}, 60_000);
afterAll(() => api.close());

const RUNS_PER_ENDPOINT = 120;

/** Values that break naive parsers: wrong types, huge and odd strings, money and date look-alikes. */
const hostileValue = fc.oneof(
  fc.anything({ maxDepth: 3 }),
  fc.string({ maxLength: 2_000 }),
  fc.constantFrom(
    '', ' ', '1e5', '12.345', '-0.00', '0.00', '999999999999999.99', 'NaN', 'Infinity', '100000,00', '€ 100,00',
    '2024-02-30', '2024-13-01', '0024-01-01', '2024-1-1', '123456782', 'Jan 123456782', '__proto__', 'constructor',
    '<script>alert(1)</script>', "'; DROP TABLE events; --", '\u0000', '\ud800', 'a'.repeat(10_000),
    -1, 0, 1.5, 2 ** 53, -(2 ** 53), 1e308, true, null, [], {}, [[[]]], { $ne: null }, { __proto__: { admin: true } },
  ),
);

/** A valid body with some fields replaced, removed or added. */
function mutatedBody(valid: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(valid);
  return fc
    .record({
      replace: fc.dictionary(fc.constantFrom(...keys), hostileValue, { maxKeys: 3 }),
      remove: fc.subarray(keys, { maxLength: 2 }),
      add: fc.dictionary(fc.string({ maxLength: 20 }), hostileValue, { maxKeys: 2 }),
    })
    .map(({ replace, remove, add }) => {
      const body: Record<string, unknown> = { ...valid, ...replace, ...add };
      for (const key of remove) delete body[key];
      return body;
    });
}

/** A body as raw text: JSON of anything, or broken JSON. */
const rawBody = fc.oneof(
  fc.anything({ maxDepth: 4 }).map((value) => JSON.stringify(value) ?? 'undefined'),
  fc.string({ maxLength: 500 }),
  fc.constantFrom('{', '{"a":', '[1,2', '{"amount": 1e999999}', '{"a":"\\ud800"}', 'null', '""', '0', '{}'.repeat(1000)),
);

describe.each(Object.entries(COMMANDS))('%s', (_name, command) => {
  it(`never answers a hostile body with a 5xx, and a refused one writes nothing (${RUNS_PER_ENDPOINT} bodies)`, async () => {
    const [path, template] = command(mine, 'fuzz', other);
    const valid = { ...ON, ...template };
    await fc.assert(
      fc.asyncProperty(fc.oneof(mutatedBody(valid), rawBody), async (body) => {
        const before = await api.journalHead();
        const response = await post(api, path, body);
        expect(response.status).toBeLessThan(500);
        if (response.status >= 400) {
          expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(await api.journalHead()).toEqual(before);
        }
      }),
      { numRuns: RUNS_PER_ENDPOINT },
    );
  }, 120_000);
});

it('answers a hostile path id with a 4xx, never a 5xx', async () => {
  await fc.assert(
    fc.asyncProperty(fc.string({ minLength: 1, maxLength: 200 }), async (id) => {
      const response = await post(api, `/v1/budgets/${encodeURIComponent(id)}/fundings`, { ...ON, fundingId: 'x1', source: 'own-means', amount: '1.00' });
      expect(response.status).toBeLessThan(500);
    }),
    { numRuns: 300 },
  );
});
