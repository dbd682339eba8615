// `npm run openapi:generate`: the OpenAPI document's answer schemas and examples, written into
// apps/api/src/openapi. The schemas are generated from the answer types (answers.ts); the examples
// are real answers of the API on the Heerlen case, so a client's author sees what comes back.
// Run it after changing an answer type; openapi-document.e2e-spec.ts fails until it is.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Test } from 'supertest';
import { startApi, type Harness } from './api-harness';
import { importExample } from './import-example';
import { generateAnswerSchemas } from './openapi-schemas';
import { loadScenario, recordScenario } from './scenario';

const OUT = join(__dirname, '..', '..', 'apps', 'api', 'src', 'openapi');
const PILOT = 'pilot-werkvoorheerlen-2024';

/** The request whose answer is each schema's example. */
const READS: Readonly<Record<string, string>> = {
  ProgrammeCostAnswer: `/v1/programmes/${PILOT}/cost`,
  CouncilAnswerAnswer: `/v1/programmes/${PILOT}/answer?lang=nl`,
  BudgetExecutionAnswer: '/v1/budgets/heerlen-maatwerk-reintegratie-2024/execution',
  PartyFundingAnswer: '/v1/parties/wsp-parkstad/funding?year=2024',
  PartySpendingAnswer: '/v1/parties/gemeente-heerlen/spending?year=2024',
  ProviderSpendAnswer: '/v1/providers/reha/spend',
  FundingFlowsAnswer: '/v1/funding-flows?year=2024',
  FindingsListAnswer: '/v1/findings?limit=2',
  ProgrammeCatalogueAnswer: '/v1/programmes',
  BudgetCatalogueAnswer: '/v1/budgets',
  PartyCatalogueAnswer: '/v1/parties',
  SearchAnswerAnswer: '/v1/search?q=heerlen',
  AuditTrailAnswer: '/v1/audit/streams/grant-azl-werkvoorheerlen-pilot-2024',
  JournalPageAnswer: '/v1/journal?after=13&limit=2',
  TaakveldenListAnswer: '/v1/taakvelden?year=2024',
  DigestAnswer: '/v1/journal/digest',
  PrincipalListAnswer: '/v1/principals',
  HealthAnswer: '/health',
  Iv3MatrixAnswer: '/v1/parties/gemeente-heerlen/iv3?year=2024',
  FundingAccountabilityAnswer: '/v1/parties/wsp-parkstad/funding-accountability',
  RechtmatigheidAnswer: '/v1/parties/gemeente-heerlen/rechtmatigheid?year=2024',
  ThenAndNowAnswer: `/v1/changes/programme-cost/${PILOT}?then=15`,
};

/** A key shown in a document is a made-up one. */
const EXAMPLE_TOKEN = `gs_0123456789abcdef_${'x'.repeat(43)}`;

async function main(): Promise<void> {
  writeFileSync(join(OUT, 'answer-schemas.json'), `${JSON.stringify(generateAnswerSchemas(), null, 2)}\n`);
  process.stdout.write('apps/api/src/openapi/answer-schemas.json\n');
  const api = await startApi();
  try {
    await recordScenario(api, loadScenario('heerlen'));
    const examples = await takeExamples(api);
    writeFileSync(join(OUT, 'answer-examples.json'), `${JSON.stringify(examples, null, 2)}\n`);
    process.stdout.write('apps/api/src/openapi/answer-examples.json\n');
  } finally {
    await api.close();
  }
}

async function takeExamples(api: Harness): Promise<Record<string, unknown>> {
  const admin = (request: Test) => request.set('Authorization', `Bearer ${api.adminToken}`);
  const examples: Record<string, unknown> = {};
  // Verified first: the answers then say their read models were, whatever a background verify did by then.
  examples.VerifyAnswer = (await admin(api.http().post('/v1/journal/verify')).expect(200)).body;
  for (const [schema, path] of Object.entries(READS)) examples[schema] = (await admin(api.http().get(path)).expect(200)).body;
  examples.CommandAnswer = (
    await api
      .http()
      .post('/v1/parties')
      .set('Authorization', `Bearer ${api.token}`)
      .send({ partyId: 'gemeente-voerendaal', name: 'Gemeente Voerendaal', kind: 'municipality', sourceReference: 'Partijenregister', effectiveDate: '2024-01-01' })
      .expect(201)
  ).body;
  examples.BatchAnswer = (
    await api
      .http()
      .post('/v1/batches')
      .set('Authorization', `Bearer ${api.token}`)
      .send({
        commands: [
          { kind: 'register-party', body: { partyId: 'gemeente-simpelveld', name: 'Gemeente Simpelveld', kind: 'municipality', sourceReference: 'Partijenregister', effectiveDate: '2024-01-01' } },
          { kind: 'pay-purchase', id: 'no-such-purchase', body: { paymentId: 'betaling-1', amount: '100.00', sourceReference: 'Betaalbatch 2024-07', effectiveDate: '2024-07-01' } },
        ],
      })
      .expect(200)
  ).body;
  const made = (await admin(api.http().post('/v1/principals')).send({ principalId: 'controller-heerlen', role: 'controller', label: 'Concerncontrol Heerlen' }).expect(201)).body;
  examples.IssuedTokenAnswer = { ...made, token: EXAMPLE_TOKEN };
  examples.PrincipalAnswer = (await admin(api.http().post('/v1/principals/controller-heerlen/revocation')).send({ reason: 'Left the department' }).expect(200)).body;
  examples.ExportCsv = (await admin(api.http().get(`/v1/exports/programme-cost?id=${PILOT}`)).expect(200)).text;
  Object.assign(examples, await documentExamples(api));
  examples.ImportAnswerAnswer = await importExample(api);
  return examples;
}

/** A council letter (as text) attached to the pilot's grant award, and how the API then shows it. */
async function documentExamples(api: Harness): Promise<Record<string, unknown>> {
  const admin = (request: Test) => request.set('Authorization', `Bearer ${api.adminToken}`);
  const trail = (await admin(api.http().get('/v1/audit/streams/grant-azl-werkvoorheerlen-pilot-2024')).expect(200)).body as { events: { eventId: string }[] };
  const eventId = trail.events[0].eventId;
  const attached = (
    await api
      .http()
      .post('/v1/documents')
      .set('Authorization', `Bearer ${api.token}`)
      .field('supportsEventId', eventId)
      .field('name', 'Subsidiebeschikking AZL pilot WerkvoorHeerlen.txt')
      .attach('file', Buffer.from('Subsidiebeschikking AZL: pilot WerkvoorHeerlen, EUR 100.000,00.\n', 'utf8'), { filename: 'beschikking.txt', contentType: 'text/plain' })
      .expect(201)
  ).body as { documentId: string };
  return {
    DocumentAnswer: (await admin(api.http().get(`/v1/documents/${attached.documentId}`)).expect(200)).body,
    FactDocumentsAnswer: (await admin(api.http().get(`/v1/events/${eventId}/documents`)).expect(200)).body,
  };
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
