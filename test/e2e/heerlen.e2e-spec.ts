// The Heerlen pilot of the design, recorded entirely through the API from the scenario file.
import { startApi, type Harness } from '../support/api-harness';
import { loadScenario, recordScenario } from '../support/scenario';
import { get, post } from '../support/http';

let api: Harness;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

const steps = loadScenario('heerlen');

describe('the Heerlen scenario', () => {
  it('names a source for every step, and an assumption wherever a letter gave no figure', () => {
    for (const step of steps) expect(step.source).toMatch(/\S/);
    const purchases = steps.filter((s) => s.request === 'POST /v1/purchases' && s.body.supplierPartyId !== 'stichting-werkvoorheerlen');
    expect(purchases).toHaveLength(2);
    for (const step of purchases) expect(step.assumption).toMatch(/no price|assumed/);
  });

  it('is recorded through the API, one event per step and one more for each transfer\'s incoming side', async () => {
    const before = await api.journalHead();
    const responses = await recordScenario(api, steps);
    expect(responses).toHaveLength(steps.length);
    const head = await api.journalHead();
    const transfers = steps.filter((s) => s.request.endsWith('/transfers')).length;
    expect(transfers).toBe(4);
    expect(head.treeSize - before.treeSize).toBe(steps.length + transfers);
    expect(responses[responses.length - 1].position).toBe(head.treeSize);
  });

  it('records the pilot: € 100.000,00 granted by the region, € 50.000,00 bought by Heerlen, 28 participants, ended', () => {
    const body = (request: string, key: string, value: string) =>
      steps.find((s) => s.request === request && s.body[key] === value)?.body;
    expect(body('POST /v1/grants', 'programmeId', 'pilot-werkvoorheerlen-2024')).toMatchObject({
      budgetId: 'azl-reintegratie-2024',
      amount: '100000.00',
    });
    expect(body('POST /v1/purchases', 'programmeId', 'pilot-werkvoorheerlen-2024')).toMatchObject({
      budgetId: 'heerlen-maatwerk-reintegratie-2024',
    });
    expect(steps.find((s) => s.request === 'POST /v1/programmes/pilot-werkvoorheerlen-2024/participants')?.body.count).toBe(28);
    expect(steps.find((s) => s.request === 'POST /v1/programmes/pilot-werkvoorheerlen-2024/end')?.body).toMatchObject({
      continued: false,
      effectiveDate: '2024-06-15',
    });
  });

  it('can be recorded again without writing anything: every step answers as a replay', async () => {
    const before = await api.journalHead();
    for (const step of steps) {
      const response = await post(api, step.request.split(' ')[1], step.body);
      expect(response.status).toBe(201);
      expect(response.headers['idempotent-replayed']).toBe('true');
    }
    expect(await api.journalHead()).toEqual(before);
  });

  it('answers who funds WSP Parkstad, in shares that add up to 100.00', async () => {
    const funding = (await get(api, '/v1/parties/wsp-parkstad/funding?year=2024')).body;
    const funders = funding.years[0].intoBudgets.funders;
    expect(funders.map((f: { partyId: string; amount: string; share: string }) => [f.partyId, f.amount, f.share])).toEqual([
      ['gemeente-heerlen', '870000.00', '44.39'],
      ['gemeente-kerkrade', '450000.00', '22.96'],
      ['gemeente-landgraaf', '370000.00', '18.88'],
      ['gemeente-brunssum', '270000.00', '13.77'],
    ]);
    expect(funding.years[0].intoBudgets.total).toBe('1960000.00');
  });

  it('leaves a journal that verifies', async () => {
    const response = await post(api, '/v1/journal/verify', {});
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ ok: true, eventsChecked: (await api.journalHead()).treeSize });
  });
});
