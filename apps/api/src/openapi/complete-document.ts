// Completes the OpenAPI document NestJS builds from the controllers, so a typed client can be
// generated from it: every operation gets its success schema (the answer types of answers.ts,
// generated into answer-schemas.json) with an example (a real answer, answer-examples.json), its
// problem+json errors with an example per kind, and its headers (If-Match, X-Correlation-Id,
// ETag, Idempotent-Replayed, Geldstroom-Read-Models, X-Request-Id, Retry-After).
import type { OpenAPIObject } from '@nestjs/swagger';
import { PROBLEM_CONTENT_TYPE, PROBLEM_KINDS, problemType, type ProblemKind } from '@geldstroom/application/problem/problem';
import { COMMAND_PROBLEMS, OPERATIONS, READ_MODELS_HEADER_NAME, type OperationAnswer } from './operations';
import answerSchemas from './answer-schemas.json';
import answerExamples from './answer-examples.json';

type Json = Record<string, unknown>;
type Operation = { parameters?: Json[]; responses?: Record<string, Json>; security?: Json[] } & Json;

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const PUBLIC_PATHS = new Set(['/health']);
const EXAMPLES = answerExamples as Record<string, unknown>;

const header = (description: string, schema: Json = { type: 'string' }) => ({ description, schema });
const HEADERS = {
  requestId: header('The id of this request in the API\'s log: the caller\'s X-Request-Id, or one the API made'),
  readModels: header('Whether the read models the answer was read from were last found to match the journal', {
    type: 'string',
    enum: ['verified', 'not-verified-yet', 'do-not-match-journal'],
  }),
  journal: header("Present only while the ledger's own last verify of the journal failed; the answer then starts with a `warning` (a file's stamp with a row `Waarschuwing`)", {
    type: 'string',
    enum: ['does-not-verify'],
  }),
  etag: header('The stream revision after the command, quoted: send it back as If-Match', { type: 'string', example: '"2"' }),
  replayed: header('"true" when this was a retry of a command already recorded: nothing was written', { type: 'string', enum: ['true'] }),
  retryAfter: header('Seconds to wait before asking again', { type: 'integer', example: 10 }),
};

export function completeDocument(document: OpenAPIObject): OpenAPIObject {
  const doc = document as unknown as Json & { paths: Record<string, Record<string, Operation>>; components: Json & { schemas?: Json; securitySchemes?: Json } };
  // The answer schemas are JSON Schema 2020-12 as OpenAPI 3.1 has it (a nullable field is `type: [string, null]`).
  doc.openapi = '3.1.0';
  doc.components.schemas = { ...(doc.components.schemas ?? {}), ...answerComponents(doc.components.schemas ?? {}) };
  doc.components.securitySchemes = {
    bearer: {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'gs_<id>_<secret>',
      description:
        'An API key, not a JWT: `gs_` followed by the key id (16 hex digits), `_` and a 256-bit secret (43 characters, base64url). ' +
        'The first start prints the first admin\'s key once; an admin makes others with POST /v1/principals. The ledger keeps only its SHA-256 hash.',
    },
  };
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const operation = operations[method];
      if (operation) completeOperation(path, method, operation);
    }
  }
  return document;
}

/** The generated answer schemas, their references pointed into components. */
function answerComponents(existing: Json): Json {
  const definitions = JSON.parse(JSON.stringify((answerSchemas as { definitions?: Json }).definitions ?? {}).replaceAll('#/definitions/', '#/components/schemas/')) as Json;
  for (const name of Object.keys(definitions)) {
    if (name in existing) throw new Error(`the answer schema ${name} has the name of a schema the controllers already define`);
  }
  return definitions;
}

function completeOperation(path: string, method: (typeof METHODS)[number], operation: Operation): void {
  const key = `${method.toUpperCase()} ${path}`;
  // An operation this table does not know is left as NestJS made it (the document test names it).
  const entry: OperationAnswer | undefined = OPERATIONS[key] ?? (method === 'post' ? { answer: 'CommandAnswer' } : undefined);
  if (!entry) return;
  const isCommand = entry.answer === 'CommandAnswer';
  const hasPathParameter = /\{\w+\}/.test(path);
  const successStatus = Object.keys(operation.responses ?? {}).find((status) => /^2\d\d$/.test(status)) ?? (isCommand ? '201' : '200');
  operation.responses = { [successStatus]: success(entry, successStatus, isCommand) };
  if (path === '/health') operation.responses['503'] = { ...success(entry, '503', false), description: 'A part of the ledger is down: the same body, with that part under `error`' };
  const problems = problemsOf(path, entry, isCommand, hasPathParameter);
  // A question read from the read models waits for them to hold every earlier write, for so long;
  // so do the writes that look something up there.
  if ((method === 'get' && readsReadModels(entry)) || (method === 'post' && WRITES_LOOKING_UP_READ_MODELS.has(path))) problems.push('read-models-behind');
  for (const [status, response] of Object.entries(problemResponses(problems))) operation.responses[status] = response;
  if (isCommand) operation.parameters = [...(operation.parameters ?? []), ...commandHeaders(hasPathParameter)];
  operation.security = PUBLIC_PATHS.has(path) ? [] : [{ bearer: [] }];
}

function readsReadModels(entry: OperationAnswer): boolean {
  const schema = (answerSchemas as { definitions?: Record<string, Json> }).definitions?.[entry.answer];
  return entry.answer === 'file' || JSON.stringify(schema ?? {}).includes('ReadModelsOnTheWire');
}

function success(entry: OperationAnswer, status: string, isCommand: boolean): Json {
  const headers: Json = { 'X-Request-Id': HEADERS.requestId };
  if (entry.answer === 'file') {
    headers[READ_MODELS_HEADER_NAME] = HEADERS.readModels;
    headers['Geldstroom-Journal'] = HEADERS.journal;
    headers['Content-Disposition'] = header('attachment; filename="geldstroom-<what>[-<id>]-positie-<position>.<format>"');
    const file = { schema: { type: 'string', format: 'binary' } };
    return {
      description: 'The file: CSV for Dutch Excel (`;`, decimal commas, UTF-8 with BOM, the stamp after the table) or XLSX (the stamp on the sheet "Verantwoording")',
      headers,
      content: { 'text/csv': { ...file, example: EXAMPLES.ExportCsv }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': file },
    };
  }
  if (entry.answer === 'document') {
    headers.ETag = header('The SHA-256 of the bytes, quoted: the hash the journal recorded', { type: 'string' });
    headers['Content-Disposition'] = header('attachment; filename="<the name it was attached under>"');
    const bytes = { schema: { type: 'string', format: 'binary' } };
    return {
      description: 'The file as attached, checked against its recorded hash before it is sent',
      headers,
      content: Object.fromEntries(['application/pdf', 'image/png', 'image/jpeg', 'text/plain', 'text/csv'].map((type) => [type, bytes])),
    };
  }
  if (readsReadModels(entry)) Object.assign(headers, { [READ_MODELS_HEADER_NAME]: HEADERS.readModels, 'Geldstroom-Journal': HEADERS.journal });
  if (isCommand) Object.assign(headers, { ETag: HEADERS.etag, 'Idempotent-Replayed': HEADERS.replayed });
  // Real answers, taken by npm run openapi:generate; the document test checks each fits its schema.
  const example = EXAMPLES[entry.answer];
  return {
    description: isCommand ? 'Recorded (or, for a retry of the same command, recorded before: Idempotent-Replayed)' : status === '201' ? 'Made' : 'The answer',
    headers,
    content: { 'application/json': { schema: { $ref: `#/components/schemas/${entry.answer}` }, ...(example === undefined ? {} : { example }) } },
  };
}

function problemsOf(path: string, entry: OperationAnswer, isCommand: boolean, hasPathParameter: boolean): ProblemKind[] {
  const kinds = new Set<ProblemKind>(['validation', 'malformed-json']);
  if (!PUBLIC_PATHS.has(path)) kinds.add('unauthorized');
  if (isCommand || path.startsWith('/v1/principals')) kinds.add('forbidden');
  if (hasPathParameter) kinds.add('not-found');
  if (isCommand) for (const kind of COMMAND_PROBLEMS) kinds.add(kind);
  for (const kind of entry.problems ?? []) kinds.add(kind);
  // A GET has no body to be malformed.
  if (!isCommand && !path.startsWith('/v1/principals') && path !== '/v1/journal/verify') kinds.delete('malformed-json');
  return [...kinds];
}

/** The problems grouped by status, each with an example per kind. */
function problemResponses(kinds: readonly ProblemKind[]): Record<string, Json> {
  const byStatus = new Map<number, ProblemKind[]>();
  for (const kind of kinds) byStatus.set(PROBLEM_KINDS[kind].status, [...(byStatus.get(PROBLEM_KINDS[kind].status) ?? []), kind]);
  const responses: Record<string, Json> = {};
  for (const [status, ofStatus] of [...byStatus].sort(([a], [b]) => a - b)) {
    const examples = Object.fromEntries(ofStatus.map((kind) => [kind, { summary: PROBLEM_KINDS[kind].title, value: problemExample(kind) }]));
    responses[String(status)] = {
      description: ofStatus.map((kind) => `\`${problemType(kind)}\`: ${PROBLEM_KINDS[kind].title}`).join('; '),
      headers: { 'X-Request-Id': HEADERS.requestId, ...(ofStatus.some((kind) => RETRY_AFTER_KINDS.has(kind)) ? { 'Retry-After': HEADERS.retryAfter } : {}) },
      content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: '#/components/schemas/Problem' }, examples } },
    };
  }
  return responses;
}

function problemExample(kind: ProblemKind): Json {
  const { status, title } = PROBLEM_KINDS[kind];
  return { type: problemType(kind), title, status, detail: PROBLEM_DETAILS[kind] ?? title, instance: '/v1/…' };
}

/**
 * Writes that look something up in the read models before they decide: a review (the finding it
 * reviews), a document (the event it supports), a batch (which may hold a review).
 */
const WRITES_LOOKING_UP_READ_MODELS: ReadonlySet<string> = new Set(['/v1/findings/{findingId}/reviews', '/v1/documents', '/v1/batches']);

/** Problems that say, in Retry-After, when to ask again. */
const RETRY_AFTER_KINDS: ReadonlySet<ProblemKind> = new Set(['too-many-requests', 'read-models-behind']);

const PROBLEM_DETAILS: Partial<Record<ProblemKind, string>> = {
  validation: 'effectiveDate must be a calendar date as YYYY-MM-DD',
  unauthorized: 'send Authorization: Bearer <token>',
  forbidden: 'you do not record for party gemeente-heerlen',
  'not-found': 'programme pilot-werkvoorheerlen-2024 is not in the ledger as of then',
  'invalid-amount': 'amount must be an amount in euros as a string with two decimals, e.g. "100000.00"',
  'unknown-reference': 'budget heerlen-2024 does not exist',
  'revision-conflict': 'grant-heerlen-pilot-2024 is at another revision than If-Match',
  'idempotency-conflict': 'AwardGrant:heerlen-pilot-2024 was already recorded with other content',
  'personal-data': 'description holds an e-mail address; the ledger never stores personal data (a BSN, an e-mail address, an IBAN)',
  'too-many-requests': 'verify is busy with 16 waiting: ask again later',
  'read-models-behind':
    'The read models hold the journal up to position 120400; this question must include position 181233. They take in a large write (an import) at their own pace: ask again shortly.',
};

function commandHeaders(onExisting: boolean): Json[] {
  return [
    {
      name: 'X-Correlation-Id',
      in: 'header',
      required: false,
      description: 'Kept in the metadata of every event the command writes, to find them together; 1 to 100 letters, digits or ._:-',
      schema: { type: 'string', pattern: '^[A-Za-z0-9._:-]{1,100}$' },
    },
    ...(onExisting
      ? [
          {
            name: 'If-Match',
            in: 'header',
            required: false,
            description: 'The stream revision you last saw (the ETag or `revision` of an earlier answer): a 409 revision-conflict when the entity changed since',
            schema: { type: 'string', pattern: '^(W/)?"?\\d{1,15}"?$', example: '"2"' },
          },
        ]
      : []),
  ];
}
