// A question includes every write acknowledged before it was asked (read-your-writes): it waits
// for the read models to take the write in, at most GELDSTROOM_READ_WAIT_MS. Read models further
// behind (still taking in an import) refuse the question with a 503 and Retry-After, naming both
// positions; they never answer it without the write, and answer it once they hold it.
import { ReadModels } from '../../apps/api/src/queries/read-models';
import { startApi, type Harness } from '../support/api-harness';
import { expectCreated, expectProblem, fresh, get, post } from '../support/http';

let api: Harness;
beforeAll(async () => {
  api = await startApi({ GELDSTROOM_READ_WAIT_MS: '3000' });
});
afterAll(() => api.close());

const party = (partyId: string) => ({ partyId, name: `Gemeente ${partyId}`, kind: 'municipality', effectiveDate: '2024-01-01', sourceReference: 'test' });
const partyIds = (body: { entries?: { partyId: string }[] }) => (body.entries ?? []).map((p) => p.partyId);

it('answers a question with the write acknowledged just before it', async () => {
  const partyId = fresh('partij');
  expectCreated(await post(api, '/v1/parties', party(partyId)));
  const answer = await get(api, '/v1/parties?limit=500');
  expect(answer.status).toBe(200);
  expect(partyIds(answer.body)).toContain(partyId);
});

it('refuses a question the read models cannot answer with an earlier write in time, and answers it once they can', async () => {
  const partyId = fresh('partij');
  const readModels = api.app.get(ReadModels);
  // Nothing is taken into the read models while this runs: they stay behind the write below.
  await readModels.projector.between(async () => {
    const written = expectCreated(await post(api, '/v1/parties', party(partyId)));
    const refused = await get(api, '/v1/parties?limit=500');
    const problem = expectProblem(refused, 503, 'read-models-behind');
    expect(refused.headers['retry-after']).toBe('2');
    expect(problem.journalPosition).toBe(written.position);
    expect(problem.readModelsPosition).toBeLessThan(written.position);
  });
  const answer = await get(api, '/v1/parties?limit=500');
  expect(answer.status).toBe(200);
  expect(partyIds(answer.body)).toContain(partyId);
});
