// The OpenAPI response schemas of the reports (OpenAPI 3.0 JSON schema). Objects list every
// field and allow no others, so the end-to-end tests that check each answer against its schema
// notice a field the document does not describe.
import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { CHANGE_REPORTS, CRITERIA, ECONOMIC_GROUPS, FINDING_CLASSES, SPENDING_KINDS } from '@geldstroom/projections';
import { REVIEW_STATES } from '@geldstroom/ledger';

/** OpenAPI 3.0: `nullable` admits null, and an enum must then list it too. */
const nullable = (schema: SchemaObject): SchemaObject => ({ ...schema, nullable: true, ...(schema.enum ? { enum: [...schema.enum, null] } : {}) });
const text: SchemaObject = { type: 'string' };
const integer: SchemaObject = { type: 'integer' };
const bool: SchemaObject = { type: 'boolean' };
/** Money on the wire: a string with two decimals, signed where a difference can be negative. */
export const MONEY: SchemaObject = { type: 'string', pattern: '^-?\\d+\\.\\d{2}$', example: '150000.00' };
const list = (items: SchemaObject): SchemaObject => ({ type: 'array', items });

/** An object with exactly these fields, all required unless named optional. */
export function object(properties: Record<string, SchemaObject>, optional: readonly string[] = []): SchemaObject {
  return { type: 'object', properties, required: Object.keys(properties).filter((k) => !optional.includes(k)), additionalProperties: false };
}

const JOURNAL = object({ position: integer, treeSize: integer, rootHash: text, recordedAt: nullable(text) });

/**
 * What every answer names: its cut, the journal's tree head, the read models it was read from and
 * how they stand (see read-models-status.interceptor.ts); a warning heads an answer whose read
 * models did not match the journal at their last verify.
 */
const CUT = {
  asOf: nullable(text),
  on: nullable(text),
  journal: JOURNAL,
  readModels: object(
    {
      position: integer,
      digest: text,
      status: { type: 'string', enum: ['verified', 'not-verified-yet', 'do-not-match-journal'] },
      verifiedAt: text,
      verifiedPosition: integer,
    },
    ['verifiedAt', 'verifiedPosition'],
  ),
  warning: text,
};
const CUT_OPTIONAL = ['warning'];

const EVENT_REFERENCE = object(
  { position: integer, eventId: text, type: text, streamId: text, effectiveDate: text, recordedAt: text, hash: text, sourceReference: text },
  ['sourceReference'],
);
const EVIDENCE: SchemaObject = { type: 'object', additionalProperties: list(EVENT_REFERENCE), description: 'Per figure, the events behind it' };

const FIGURES = { committed: MONEY, obligo: MONEY, realised: MONEY };
const FIGURES_OBJECT = object(FIGURES);
const BY_KIND = {
  ...FIGURES,
  grants: FIGURES_OBJECT,
  purchases: FIGURES_OBJECT,
  byKind: object(Object.fromEntries(SPENDING_KINDS.map((kind) => [kind, FIGURES_OBJECT]))),
};

export const PARTY_SPENDING_SCHEMA = object(
  {
    partyId: text,
    name: nullable(text),
    kind: nullable(text),
    view: { type: 'string', enum: ['own'] },
    rule: text,
    years: list(
      object({
        year: integer,
        budgets: list(text),
        ...BY_KIND,
        byTaakveld: list(object({ taakveld: text, ...BY_KIND })),
        contributions: list(
          object({ partyId: nullable(text), name: nullable(text), via: { type: 'string', enum: ['transfer', 'expense'] }, budgetId: text, toBudgetId: nullable(text), committed: MONEY, realised: MONEY }),
        ),
        betweenOwnBudgets: MONEY,
      }),
    ),
    evidence: EVIDENCE,
    ...CUT,
  },
  ['evidence', ...CUT_OPTIONAL],
);

const IV3_CELL = object({
  code: nullable(text),
  name: text,
  group: nullable({ type: 'string', enum: [...ECONOMIC_GROUPS] }),
  amount: MONEY,
  judgement: bool,
  kinds: list(object({ kind: text, amount: MONEY })),
});

export const IV3_MATRIX_SCHEMA = object({
  partyId: text,
  name: nullable(text),
  year: integer,
  view: { type: 'string', enum: ['own'] },
  measure: { type: 'string', enum: ['realised'] },
  catalogue: nullable(object({ id: text, source: text })),
  categories: nullable(object({ id: text, source: text })),
  rows: list(
    object({
      taakveld: text, name: nullable(text), known: bool, budgets: list(text), lasten: MONEY, baten: MONEY, saldo: MONEY,
      lastenByCategory: list(IV3_CELL), batenByCategory: list(IV3_CELL),
    }),
  ),
  totals: object({
    lasten: MONEY, baten: MONEY, saldo: MONEY,
    lastenByGroup: list(object({ group: { type: 'string', enum: [...ECONOMIC_GROUPS] }, amount: MONEY })),
    lastenByCategory: list(IV3_CELL),
    batenByCategory: list(IV3_CELL),
  }),
  notInMatrix: object({ ownMeans: MONEY, betweenOwnBudgets: MONEY }),
  unknownTaakvelden: list(object({ budgetId: text, taakveld: text, findingId: text })),
  reconciliation: object({
    ownViewRealised: MONEY, matrixLasten: MONEY, difference: MONEY, reconciles: bool,
    byKind: list(object({ kind: { type: 'string', enum: [...SPENDING_KINDS] }, ownView: MONEY, matrix: MONEY })),
  }),
  ...CUT,
}, CUT_OPTIONAL);

const REVIEW_STATE: SchemaObject = { type: 'string', enum: [...REVIEW_STATES, 'not-reviewed'] };
const CRITERION: SchemaObject = nullable({ type: 'string', enum: [...CRITERIA] });
const CLASS: SchemaObject = nullable({ type: 'string', enum: [...FINDING_CLASSES] });

export const FUNDING_ACCOUNTABILITY_SCHEMA = object({
  partyId: text,
  name: nullable(text),
  year: nullable(integer),
  statements: list(
    object({
      funderPartyId: text,
      funderName: nullable(text),
      regulationCode: nullable(text),
      regulation: nullable(
        object({
          id: text, code: nullable(text), codeConfirmed: bool, name: text, legalBasis: text,
          indicators: list(object({ label: text, kind: text, confirmed: bool })), note: nullable(text),
        }),
      ),
      budgets: list(text),
      received: MONEY,
      spent: MONEY,
      unspent: MONEY,
      years: list(
        object({
          year: integer, received: MONEY, receivedAsFunding: MONEY, receivedByTransfer: MONEY, spent: MONEY, passedOn: MONEY,
          cumulativeReceived: MONEY, cumulativeSpent: MONEY, unspent: MONEY, deelwaarneming: bool,
        }),
      ),
      spentByKind: list(object({ kind: { type: 'string', enum: [...SPENDING_KINDS] }, amount: MONEY })),
      passedOnTo: list(object({ partyId: nullable(text), name: nullable(text), toBudgetId: nullable(text), amount: MONEY })),
      programmes: list(object({ programmeId: text, name: nullable(text), spent: MONEY, participants: integer, outcomes: { type: 'object', additionalProperties: integer } })),
      findings: list(
        object({ findingId: text, kind: text, date: text, criterion: CRITERION, class: CLASS, amount: nullable(MONEY), reviewState: REVIEW_STATE, budgets: list(text) }),
      ),
    }),
  ),
  note: text,
  ...CUT,
}, CUT_OPTIONAL);

const REVIEW = object({ state: { type: 'string', enum: [...REVIEW_STATES] }, note: text, on: text, actor: nullable(text), position: integer });
const ENTITY = object({ streamId: text, category: text, id: text });
const REGISTER_ENTRY = object({
  findingId: text, kind: text, description: text, date: text, entity: ENTITY, criterion: CRITERION, class: CLASS,
  amount: nullable(MONEY), amountBasis: nullable(text), aboveRapportagegrens: bool, reviewState: REVIEW_STATE, review: nullable(REVIEW),
  budgets: list(text), events: list(EVENT_REFERENCE),
});

export const RECHTMATIGHEID_SCHEMA = object({
  partyId: text,
  name: nullable(text),
  year: integer,
  lasten: MONEY,
  thresholds: nullable(
    object({
      law: object({ id: text, omvangsbasis: text, goedkeuringstolerantie: { type: 'object', description: 'separate (errorsBasisPoints, uncertaintiesBasisPoints) or combined (combinedBasisPoints)' } }),
      council: object({ id: text, kind: text, source: text, verantwoordingsgrensPercent: MONEY, rapportagegrens: MONEY }),
    }),
  ),
  verantwoordingsgrens: nullable(MONEY),
  earlyWarning: nullable(object({ level: { type: 'string', enum: ['clear', 'approaching', 'over'] }, warningFrom: MONEY, headroom: MONEY, usedPercent: nullable(MONEY) })),
  withinGoedkeuringstolerantie: nullable(bool),
  totals: object({
    errors: MONEY, uncertainties: MONEY, total: MONEY,
    byCriterion: list(object({ criterion: { type: 'string', enum: [...CRITERIA] }, errors: MONEY, uncertainties: MONEY, count: integer })),
    byReviewState: list(object({ state: REVIEW_STATE, count: integer, amount: MONEY })),
  }),
  entries: list(REGISTER_ENTRY),
  signals: list(REGISTER_ENTRY),
  note: text,
  ...CUT,
}, CUT_OPTIONAL);

/** Any leaf of an answer: an amount, a count, a flag, a name or null. */
const LEAF: SchemaObject = { description: 'a figure: an amount, a count, a flag, a name, or null where it was not there' };

export const THEN_AND_NOW_SCHEMA = object({
  report: { type: 'string', enum: [...CHANGE_REPORTS] },
  id: text,
  year: nullable(integer),
  then: object({ asOf: text, journal: JOURNAL, answer: { type: 'object', nullable: true, description: 'the report as known then (its own schema)' } }),
  now: object({ journal: JOURNAL, answer: { type: 'object', nullable: true, description: 'the report now (its own schema)' } }),
  changes: list(object({ path: text, then: LEAF, now: LEAF, difference: { description: 'now − then: an amount (two decimals) or a count; null for other figures' } })),
  events: list(
    object(
      {
        position: integer, eventId: text, type: text, streamId: text, effectiveDate: text, recordedAt: text, hash: text, sourceReference: text,
        moved: { type: 'object', additionalProperties: { oneOf: [MONEY, { type: 'number' }] } },
        changedEvents: list(integer),
      },
      ['sourceReference'],
    ),
  ),
  eventsNotListed: integer,
  ...CUT,
}, CUT_OPTIONAL);
