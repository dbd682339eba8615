// POST /v1/batches: many commands in one request, each checked as its own endpoint checks it.
// Not atomic: each answered on its own (mixed results, replays per command). Atomic: all or
// nothing, the journal unchanged after a refusal that names the command. Access per command,
// the batch's limit, and malformed batches: a 4xx problem, never a 500. Real API, real SQLite
// store in a temporary folder.
import { COMMAND_KINDS } from '@geldstroom/application/commands/command-catalogue';
import { startApi, type Harness } from '../support/api-harness';
import { expectCreated, expectProblem, fresh, post, refusedWithoutWriting, streamEvents } from '../support/http';

let api: Harness;
const ON = { effectiveDate: '2024-03-01', sourceReference: 'Inkooporder 2024-118' };
let buyer: string;
let supplier: string;
let budget: string;

beforeAll(async () => {
  api = await startApi({ GELDSTROOM_BATCH_COMMANDS_MAX: '50' });
  [buyer, supplier] = [fresh('gemeente'), fresh('leverancier')];
  budget = fresh('maatwerk');
  const answer = await post(api, '/v1/batches', {
    atomic: true,
    commands: [
      { kind: 'register-party', body: { partyId: buyer, name: 'Gemeente Voorbeeld', kind: 'municipality', ...ON } },
      { kind: 'register-party', body: { partyId: supplier, name: 'Leverancier Voorbeeld', kind: 'company', ...ON } },
      openBudget(budget, buyer),
      { kind: 'fund-budget', id: budget, body: { fundingId: 'eigen-middelen', source: 'own-means', amount: '100000.00', ...ON } },
    ],
  });
  if (answer.status !== 201) throw new Error(`${answer.status} ${answer.text}`);
});
afterAll(() => api.close());

function openBudget(budgetId: string, ownerPartyId: string) {
  return { kind: 'open-budget', body: { budgetId, ownerPartyId, name: 'Maatwerkbudget', fiscalYear: 2024, taakveld: '6.4', ...ON } };
}

function purchase(purchaseId: string, overrides: Record<string, unknown> = {}) {
  return {
    kind: 'purchase-trajectories',
    body: { purchaseId, budgetId: budget, supplierPartyId: supplier, count: 2, unitPrice: '2500.00', targetGroup: 'Grote afstand tot de arbeidsmarkt', ...ON, ...overrides },
  };
}

describe('a batch, each command on its own', () => {
  it('answers each command like its endpoint, in order: written, refused with its problem, and a later one seeing an earlier one', async () => {
    const [good, other] = [fresh('inkoop'), fresh('inkoop')];
    const response = await post(api, '/v1/batches', {
      commands: [
        purchase(good),
        purchase(fresh('inkoop'), { unitPrice: '12,50' }),
        purchase(fresh('inkoop'), { budgetId: 'no-such-budget' }),
        { kind: 'pay-purchase', id: good, body: { paymentId: 'betaling-1', amount: '5000.00', ...ON } },
        purchase(other),
      ],
    });
    expect(response.status).toBe(200);
    expect(response.body.atomic).toBe(false);
    const results = response.body.results as { index: number; kind: string; status: number; answer?: { streamId: string; position: number }; problem?: { type: string; detail: string } }[];
    expect(results.map((r) => [r.index, r.kind, r.status])).toEqual([
      [0, 'purchase-trajectories', 201],
      [1, 'purchase-trajectories', 400],
      [2, 'purchase-trajectories', 422],
      [3, 'pay-purchase', 201],
      [4, 'purchase-trajectories', 201],
    ]);
    expect(results[1].problem?.type).toBe('/problems/invalid-amount');
    expect(results[2].problem).toMatchObject({ type: '/problems/unknown-reference' });
    expect(results[0].answer?.streamId).toBe(`purchase-${good}`);
    // The answer's positions are the journal's: the payment's event is where it says.
    const paid = await streamEvents(api, `purchase-${good}`);
    expect(paid.map((e) => e.type)).toEqual(['TrajectoriesPurchased', 'PurchasePaid']);
    expect(results[3].answer?.position).toBe(paid[1].position);
    expect((await streamEvents(api, `purchase-${other}`)).map((e) => e.metadata.actor)).toEqual([expect.stringMatching(/^recorder-/)]);
  });

  it('writes a command sent again once: the batch sent twice answers the second time as replays and writes nothing', async () => {
    const batch = { commands: [purchase(fresh('inkoop')), purchase(fresh('inkoop'))] };
    const first = await post(api, '/v1/batches', batch);
    expect(first.body.results.map((r: { replayed: boolean }) => r.replayed)).toEqual([false, false]);
    const again = await refusedWithoutWriting(api, () => post(api, '/v1/batches', batch));
    expect(again.status).toBe(200);
    expect(again.body.results.map((r: { status: number; replayed: boolean }) => [r.status, r.replayed])).toEqual([
      [201, true],
      [201, true],
    ]);
    expect(again.body.results.map((r: { answer: unknown }) => r.answer)).toEqual(first.body.results.map((r: { answer: unknown }) => r.answer));
  });

  it('refuses a command of another party for a scoped recorder (403) and records the rest', async () => {
    const own = fresh('andere-gemeente');
    await post(api, '/v1/parties', { partyId: own, name: 'Andere gemeente', kind: 'municipality', ...ON });
    const scoped = await api.tokenFor('recorder', [own]);
    const [ownBudget, theirs] = [fresh('budget'), fresh('inkoop')];
    const response = await post(api, '/v1/batches', { commands: [purchase(theirs), openBudget(ownBudget, own)] }, { Authorization: `Bearer ${scoped}` });
    expect(response.body.results[0]).toMatchObject({ status: 403, problem: { type: '/problems/forbidden' } });
    expect(response.body.results[1]).toMatchObject({ status: 201 });
    expect(await streamEvents(api, `purchase-${theirs}`)).toEqual([]);
    expect((await streamEvents(api, `budget-${ownBudget}`)).map((e) => e.type)).toEqual(['BudgetOpened']);
  });

  it('holds each command to its own role: a controller may review but not purchase, and a recorder may not review', async () => {
    const controller = await api.tokenFor('controller');
    const response = await post(api, '/v1/batches', { commands: [purchase(fresh('inkoop'))] }, { Authorization: `Bearer ${controller}` });
    expect(response.body.results[0]).toMatchObject({ status: 403, problem: { type: '/problems/forbidden' } });
    const review = { kind: 'review-finding', id: 'budget-overrun:budget:nothing-here', body: { state: 'explained', note: 'Gedekt' } };
    const asRecorder = await post(api, '/v1/batches', { commands: [review] });
    expect(asRecorder.body.results[0]).toMatchObject({ status: 403 });
    const asController = await post(api, '/v1/batches', { commands: [review] }, { Authorization: `Bearer ${controller}` });
    expect(asController.body.results[0]).toMatchObject({ status: 404, problem: { type: '/problems/not-found' } });
  });

  it('refuses an admin, who records nothing, the whole batch (403)', async () => {
    const response = await refusedWithoutWriting(api, () => post(api, '/v1/batches', { commands: [purchase(fresh('inkoop'))] }, { Authorization: `Bearer ${api.adminToken}` }));
    expectProblem(response, 403, 'forbidden');
  });
});

describe('an atomic batch', () => {
  it('writes everything, each command decided on what the earlier ones left', async () => {
    const [newBudget, bought] = [fresh('budget'), fresh('inkoop')];
    const response = await post(api, '/v1/batches', {
      atomic: true,
      commands: [
        openBudget(newBudget, buyer),
        { kind: 'fund-budget', id: newBudget, body: { fundingId: 'eigen-middelen', source: 'own-means', amount: '10000.00', ...ON } },
        purchase(bought, { budgetId: newBudget }),
        { kind: 'pay-purchase', id: bought, body: { paymentId: 'betaling-1', amount: '5000.00', ...ON } },
      ],
    });
    expect(response.status).toBe(201);
    expect(response.body.results.map((r: { status: number }) => r.status)).toEqual([201, 201, 201, 201]);
    const events = await streamEvents(api, `purchase-${bought}`);
    expect(events.map((e) => e.type)).toEqual(['TrajectoriesPurchased', 'PurchasePaid']);
    expect(response.body.results[3].answer.position).toBe(events[1].position);
    expect(response.body.results[2].answer.position).toBe(events[0].position);
  });

  it('writes nothing when one command is refused, and names that command and why', async () => {
    const [newBudget, bought] = [fresh('budget'), fresh('inkoop')];
    const response = await refusedWithoutWriting(api, () =>
      post(api, '/v1/batches', {
        atomic: true,
        commands: [openBudget(newBudget, buyer), purchase(bought, { budgetId: newBudget }), { kind: 'pay-purchase', id: fresh('nergens'), body: { paymentId: 'b-1', amount: '1.00', ...ON } }],
      }),
    );
    const problem = expectProblem(response, 404, 'not-found');
    expect(problem).toMatchObject({ commandIndex: 2, commandKind: 'pay-purchase' });
    expect(problem.detail).toMatch(/nothing was written: command 2 \(pay-purchase\) was refused/);
    expect(await streamEvents(api, `budget-${newBudget}`)).toEqual([]);
  });

  it('as a dry run decides every command as it would and writes nothing, refusals named as in earnest', async () => {
    const [newBudget, bought] = [fresh('budget'), fresh('inkoop')];
    const commands = [
      openBudget(newBudget, buyer),
      { kind: 'fund-budget', id: newBudget, body: { fundingId: 'eigen-middelen', source: 'own-means', amount: '10000.00', ...ON } },
      purchase(bought, { budgetId: newBudget }),
    ];
    const checked = await refusedWithoutWriting(api, () => post(api, '/v1/batches', { dryRun: true, commands }));
    expect(checked.status).toBe(200);
    expect(checked.body).toMatchObject({ atomic: true, dryRun: true });
    expect(checked.body.results.map((r: { status: number }) => r.status)).toEqual([201, 201, 201]);
    expect(await streamEvents(api, `budget-${newBudget}`)).toEqual([]);
    // Nothing was written, so no position, revision or event id is shown as if it had been: what each command is about.
    expect(checked.body.results).toEqual([
      { index: 0, kind: 'open-budget', status: 201, replayed: false, checked: { id: newBudget, streamId: `budget-${newBudget}` } },
      { index: 1, kind: 'fund-budget', status: 201, replayed: false, checked: { id: newBudget, streamId: `budget-${newBudget}` } },
      { index: 2, kind: 'purchase-trajectories', status: 201, replayed: false, checked: { id: bought, streamId: `purchase-${bought}` } },
    ]);
    expect(checked.text).not.toMatch(/"(position|revision|eventIds)"/);

    const refused = await refusedWithoutWriting(api, () =>
      post(api, '/v1/batches', { dryRun: true, commands: [...commands, { kind: 'pay-purchase', id: fresh('nergens'), body: { paymentId: 'b-1', amount: '1.00', ...ON } }] }),
    );
    const problem = expectProblem(refused, 404, 'not-found');
    expect(problem).toMatchObject({ commandIndex: 3, commandKind: 'pay-purchase' });
    expect(problem.detail).toMatch(/a dry run, nothing written: command 3 \(pay-purchase\) was refused/);
  });

  it('says of a retried command reversed since that it was, in earnest and in a dry run', async () => {
    const bought = fresh('inkoop');
    const pay = { kind: 'pay-purchase', id: bought, body: { paymentId: 'p1', amount: '500.00', ...ON } };
    expectCreated(await post(api, '/v1/batches', { atomic: true, commands: [purchase(bought), pay] }));
    const [, payment] = await streamEvents(api, `purchase-${bought}`);
    const reversal = expectCreated(await post(api, '/v1/reversals', { reversalId: fresh('herstel'), streamId: `purchase-${bought}`, eventId: payment.id, reason: 'Dubbel', ...ON }));
    const reversedBy = [{ eventId: reversal.eventIds[0], position: reversal.position, reversedEventId: payment.id }];
    for (const batch of [{ atomic: true, commands: [pay] }, { dryRun: true, commands: [pay] }]) {
      const response = await refusedWithoutWriting(api, () => post(api, '/v1/batches', batch));
      const [result] = response.body.results;
      expect(result).toMatchObject({ status: 201, replayed: true });
      expect((result.answer ?? result.checked).reversedBy).toEqual(reversedBy);
    }
  });

  it('refuses a command that reuses an earlier command\'s id with other content as a conflict with that command, recorded nowhere', async () => {
    const bought = fresh('inkoop');
    const pay = (amount: string) => ({ kind: 'pay-purchase', id: bought, body: { paymentId: 'p1', amount, ...ON } });
    const commands = [purchase(bought), pay('500.00'), pay('400.00')];
    for (const batch of [{ atomic: true, commands }, { dryRun: true, commands }]) {
      const response = await refusedWithoutWriting(api, () => post(api, '/v1/batches', batch));
      const problem = expectProblem(response, 409, 'idempotency-conflict');
      expect(problem).toMatchObject({ commandIndex: 2, commandKind: 'pay-purchase', conflictsWithCommandIndex: 1 });
      expect(problem).not.toHaveProperty('recordedAt');
      expect(problem.detail).toMatch(/command 2 \(pay-purchase\) was refused: PayPurchase:\S+ was sent earlier in this batch, as command 1, with other content$/);
      expect(problem.detail).not.toMatch(/already recorded/);
    }
    expect(await streamEvents(api, `purchase-${bought}`)).toEqual([]);

    // Against a payment recorded before, the conflict is with that recording, and says when it was.
    expect((await post(api, '/v1/batches', { atomic: true, commands: commands.slice(0, 2) })).status).toBe(201);
    const recorded = (await streamEvents(api, `purchase-${bought}`))[1];
    const again = await refusedWithoutWriting(api, () => post(api, '/v1/batches', { atomic: true, commands: [pay('400.00')] }));
    const problem = expectProblem(again, 409, 'idempotency-conflict');
    expect(problem).toMatchObject({ commandIndex: 0, recordedAt: recorded.recordedAt });
    expect(problem).not.toHaveProperty('conflictsWithCommandIndex');
  });

  it('writes nothing when a scoped recorder slips in a command of another party (403 naming it)', async () => {
    const own = fresh('eigen-gemeente');
    await post(api, '/v1/parties', { partyId: own, name: 'Eigen gemeente', kind: 'municipality', ...ON });
    const scoped = await api.tokenFor('recorder', [own]);
    const ownBudget = fresh('budget');
    const response = await refusedWithoutWriting(api, () =>
      post(api, '/v1/batches', { atomic: true, commands: [openBudget(ownBudget, own), purchase(fresh('inkoop'))] }, { Authorization: `Bearer ${scoped}` }),
    );
    expect(await streamEvents(api, `budget-${ownBudget}`)).toEqual([]);
    expect(expectProblem(response, 403, 'forbidden')).toMatchObject({ commandIndex: 1, commandKind: 'purchase-trajectories' });
  });

  it('refuses a body that fails validation before deciding anything (400 naming the command)', async () => {
    const response = await refusedWithoutWriting(api, () => post(api, '/v1/batches', { atomic: true, commands: [purchase(fresh('inkoop')), purchase(fresh('inkoop'), { count: 0 })] }));
    expect(expectProblem(response, 400, 'validation')).toMatchObject({ commandIndex: 1, errors: [expect.objectContaining({ field: 'count' })] });
  });

  it('answers an atomic batch sent again as replays, writing nothing', async () => {
    const batch = { atomic: true, commands: [purchase(fresh('inkoop')), purchase(fresh('inkoop'))] };
    const first = await post(api, '/v1/batches', batch);
    expect(first.status).toBe(201);
    const again = await refusedWithoutWriting(api, () => post(api, '/v1/batches', batch));
    expect(again.status).toBe(201);
    expect(again.body.results.map((r: { replayed: boolean }) => r.replayed)).toEqual([true, true]);
    expect(again.body.results.map((r: { answer: unknown }) => r.answer)).toEqual(first.body.results.map((r: { answer: unknown }) => r.answer));
  });

  it('writes a transfer and its incoming side together', async () => {
    const [from, to] = [fresh('budget'), fresh('budget')];
    const response = await post(api, '/v1/batches', {
      atomic: true,
      commands: [
        openBudget(from, buyer),
        openBudget(to, buyer),
        { kind: 'fund-budget', id: from, body: { fundingId: 'eigen-middelen', source: 'own-means', amount: '1000.00', ...ON } },
        { kind: 'transfer-budget', id: from, body: { transferId: 'overheveling-1', toBudgetId: to, amount: '400.00', ...ON } },
      ],
    });
    expect(response.status).toBe(201);
    expect((await streamEvents(api, `budget-${to}`)).map((e) => e.type)).toEqual(['BudgetOpened', 'BudgetTransferredIn']);
  });
});

describe('a batch that is not one', () => {
  it.each([
    ['no commands', { commands: [] }],
    ['commands not a list', { commands: { kind: 'register-party' } }],
    ['an unknown kind', { commands: [{ kind: 'delete-everything', body: {} }] }],
    ['a body that is not an object', { commands: [{ kind: 'register-party', body: 'x' }] }],
    ['an unknown field', { commands: [purchase(fresh('inkoop'))], dryRun: true }],
    ['atomic not a boolean', { atomic: 'yes', commands: [purchase(fresh('inkoop'))] }],
  ])('refuses %s with a 400 problem and writes nothing', async (_, batch) => {
    const response = await refusedWithoutWriting(api, () => post(api, '/v1/batches', batch));
    expectProblem(response, 400, 'validation');
  });

  it('refuses malformed JSON with the same 400 problem a single endpoint gives it', async () => {
    const batch = await refusedWithoutWriting(api, () => post(api, '/v1/batches', '{"commands": ['));
    const single = await post(api, '/v1/purchases', '{"purchaseId": [');
    expect(batch.status).toBe(400);
    expect(batch.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(batch.body.type).toBe(single.body.type);
    expect(batch.body.type).toBe('/problems/malformed-json');
  });

  it.each([
    ['null', 'null'],
    ['42', 'a number'],
    ['"x"', 'a string'],
  ])('refuses the JSON %s for a body as what it is: no object (400 validation), writing nothing', async (body, what) => {
    const response = await refusedWithoutWriting(api, () => api.http().post('/v1/batches').set('Authorization', `Bearer ${api.token}`).set('Content-Type', 'application/json').send(body));
    expect(expectProblem(response, 400, 'validation').detail).toBe(`the body must be a JSON object, not ${what}`);
  });

  it('refuses an id where the kind takes none, and a path id that is no id', async () => {
    const response = await post(api, '/v1/batches', {
      commands: [{ ...purchase(fresh('inkoop')), id: 'x' }, { kind: 'pay-purchase', id: 'Not An Id', body: { paymentId: 'b-1', amount: '1.00', ...ON } }],
    });
    expect(response.body.results.map((r: { status: number }) => r.status)).toEqual([400, 400]);
  });

  it('refuses a batch over the limit with a 413 problem, writing nothing', async () => {
    const commands = Array.from({ length: 51 }, () => purchase(fresh('inkoop')));
    const response = await refusedWithoutWriting(api, () => post(api, '/v1/batches', { commands }));
    expect(expectProblem(response, 413, 'payload-too-large')).toMatchObject({ commandsMax: 50 });
  });

  it('refuses a batch holding personal data whole, before anything runs (422 naming where)', async () => {
    const batch = { commands: [purchase(fresh('inkoop')), purchase(fresh('inkoop'), { targetGroup: 'Deelnemer 111222333' })] };
    const response = await refusedWithoutWriting(api, () => post(api, '/v1/batches', batch));
    const problem = expectProblem(response, 422, 'personal-data');
    expect(problem).toMatchObject({ field: 'body.commands.1.body.targetGroup', commandIndex: 1, commandKind: 'purchase-trajectories' });
    expect(problem.detail).toBe('nothing was written: command 1 (purchase-trajectories) was refused: body.commands.1.body.targetGroup holds a number that passes the BSN elfproef');
  });
});

describe('the kinds a batch takes', () => {
  // Every JSON command endpoint is a kind, so nothing is recorded one way over its endpoint and
  // another in a batch. Not kinds: a document (a multipart upload), the access stream's admin
  // endpoints, a verify (no command), the batch itself, and a booking import (a multipart upload
  // whose lines become ledger commands through the same write handler).
  const NOT_KINDS = [/^\/v1\/documents$/, /^\/v1\/principals/, /^\/v1\/journal\/verify$/, /^\/v1\/batches$/, /^\/v1\/imports\/bookings$/];

  it('are every command endpoint of the API', async () => {
    const document = (await api.http().get('/docs/openapi.json').expect(200)).body as { paths: Record<string, { post?: unknown }> };
    const endpoints = Object.entries(document.paths)
      .filter(([path, operations]) => operations.post && !NOT_KINDS.some((pattern) => pattern.test(path)))
      .map(([path]) => path.replace(/\{[A-Za-z]+\}/g, ':id'))
      .sort();
    expect(endpoints).toEqual(COMMAND_KINDS.map((kind) => kind.path).sort());
  });
});
