// The mapping file of a booking import: which columns of a financial system's export hold what,
// which ledger accounts and cost centres are which budget and allocation line, which creditors
// are which parties, and which lines are a purchase order, an invoice, a payment, a booked cost
// or an income. Read and checked whole before a single booking line is read.
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { EXPENSE_KINDS, isEntityId, type ExpenseKind } from '@geldstroom/ledger';

/** The fields a booking line is read into; the mapping names the export's column for each. */
export const LINE_FIELDS = [
  'fiscalYear', 'period', 'journal', 'document', 'line', 'date', 'account', 'costCentre', 'taakveld',
  'creditor', 'description', 'amount', 'debit', 'credit', 'order', 'invoice',
] as const;
export type LineField = (typeof LINE_FIELDS)[number];

/** The fields a rule's `when` may test. */
export const CONDITION_FIELDS = ['fiscalYear', 'journal', 'account', 'costCentre', 'taakveld', 'creditor', 'order'] as const;
export type ConditionField = (typeof CONDITION_FIELDS)[number];

export const LINE_ROLES = ['commitment', 'invoice', 'payment', 'expense', 'income'] as const;
export type LineRole = (typeof LINE_ROLES)[number];

export const ENCODINGS = ['auto', 'utf-8', 'windows-1252'] as const;
export type Encoding = (typeof ENCODINGS)[number];

/** A test on a field: the value equals one of the patterns, where `*` stands for any characters. */
export type Condition = Readonly<Partial<Record<ConditionField, readonly string[]>>>;

export interface BudgetRule {
  readonly budget: string;
  readonly line?: string;
  readonly programme?: string;
  readonly when: Condition;
}

export interface LineRule {
  readonly as: LineRole;
  /** For a commitment or a booked cost: personnel, hired-staff, operating, ... */
  readonly kind?: ExpenseKind;
  /** For an income: the outside party that pays it; absent: the budget owner's own means. */
  readonly funder?: string;
  readonly regulationCode?: string;
  readonly when: Condition;
}

export interface NaturalPersons {
  /** The one party every natural person's line is recorded under: never a person's name or number. */
  readonly party: string;
  readonly creditors: readonly string[];
}

export interface BookingMapping {
  /** A short name of the financial system: the first part of every imported fact's id. */
  readonly system: string;
  readonly format: {
    readonly delimiter: string;
    readonly decimalSeparator: ',' | '.';
    readonly encoding: Encoding;
    /**
     * The system ends its last line with a line break, as every other (default): a file that
     * ends inside a line was cut off, and that line is refused. False for a system that writes
     * none after its last line (its file can then not be told from one cut off at a line's end).
     */
    readonly finalLineBreak: boolean;
  };
  readonly columns: Readonly<Partial<Record<LineField, string>>>;
  readonly budgets: readonly BudgetRule[];
  readonly creditors: Readonly<Record<string, string>>;
  readonly naturalPersons?: NaturalPersons;
  /** The party of every creditor the mapping does not list; absent: such a line is refused. */
  readonly otherCreditors?: string;
  readonly lines: readonly LineRule[];
}

/** What a mapping refers to in the ledger, to be checked before the import starts. */
export interface MappingReferences {
  readonly budgets: ReadonlyMap<string, readonly string[]>;
  readonly parties: readonly string[];
  readonly programmes: readonly string[];
}

export class MappingError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`the mapping is not usable: ${problems.join('; ')}`);
  }
}

const SYSTEM_PATTERN = /^[a-z0-9]{1,12}$/;
const TOP_KEYS = ['system', 'format', 'columns', 'budgets', 'creditors', 'naturalPersons', 'otherCreditors', 'lines'];
const MAPPING_BYTES_MAX = 1024 * 1024;
const RULES_MAX = 10_000;

/** Parses and checks a mapping's shape; a MappingError lists every problem found, not just the first. */
export function parseMapping(text: string): BookingMapping {
  if (text.length > MAPPING_BYTES_MAX) throw new MappingError([`a mapping file is at most ${MAPPING_BYTES_MAX} bytes`]);
  let raw: unknown;
  try {
    raw = parseYaml(text, { maxAliasCount: 100 });
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? ` at line ${error.linePos[0].line}` : '';
    throw new MappingError([`it is not YAML${where}: ${(error as Error).message.split('\n')[0]}`]);
  }
  const problems: string[] = [];
  const mapping = readMapping(asRecord(raw, 'the mapping', problems), problems);
  if (problems.length > 0) throw new MappingError(problems);
  return mapping;
}

function readMapping(raw: Record<string, unknown>, problems: string[]): BookingMapping {
  unknownKeys(raw, TOP_KEYS, 'the mapping', problems);
  const system = typeof raw.system === 'string' && SYSTEM_PATTERN.test(raw.system) ? raw.system : '';
  if (!system) problems.push('system must be 1 to 12 lower-case letters or digits (e.g. "key2"): it starts every imported id');
  const naturalPersons = raw.naturalPersons === undefined ? undefined : readNaturalPersons(raw.naturalPersons, problems);
  const otherCreditors = raw.otherCreditors === undefined || raw.otherCreditors === null ? undefined : readId(raw.otherCreditors, 'otherCreditors', problems);
  return {
    system,
    format: readFormat(raw.format, problems),
    columns: readColumns(raw.columns, problems),
    budgets: readList(raw.budgets, 'budgets', problems).map((rule, i) => readBudgetRule(rule, `budgets[${i}]`, problems)),
    creditors: readCreditors(raw.creditors, problems),
    ...(naturalPersons ? { naturalPersons } : {}),
    ...(otherCreditors ? { otherCreditors } : {}),
    lines: readList(raw.lines, 'lines', problems).map((rule, i) => readLineRule(rule, `lines[${i}]`, problems)),
  };
}

function readFormat(value: unknown, problems: string[]): BookingMapping['format'] {
  const raw = value === undefined ? {} : asRecord(value, 'format', problems);
  unknownKeys(raw, ['delimiter', 'decimalSeparator', 'encoding', 'finalLineBreak'], 'format', problems);
  const delimiter = raw.delimiter ?? ';';
  const decimalSeparator = raw.decimalSeparator ?? ',';
  const finalLineBreak = raw.finalLineBreak ?? true;
  const encoding = raw.encoding ?? 'auto';
  if (typeof delimiter !== 'string' || delimiter.length !== 1) problems.push('format.delimiter must be one character (";" for most Dutch exports)');
  if (decimalSeparator !== ',' && decimalSeparator !== '.') problems.push('format.decimalSeparator must be "," or "."');
  if (!(ENCODINGS as readonly unknown[]).includes(encoding)) problems.push(`format.encoding must be one of ${ENCODINGS.join(', ')}`);
  if (typeof finalLineBreak !== 'boolean') problems.push('format.finalLineBreak must be true or false');
  return { delimiter: String(delimiter), decimalSeparator: decimalSeparator as ',' | '.', encoding: encoding as Encoding, finalLineBreak: finalLineBreak !== false };
}

function readColumns(value: unknown, problems: string[]): BookingMapping['columns'] {
  const raw = asRecord(value, 'columns', problems);
  unknownKeys(raw, LINE_FIELDS, 'columns', problems);
  const columns: Partial<Record<LineField, string>> = {};
  for (const [field, header] of Object.entries(raw)) {
    if (typeof header !== 'string' || header.trim() === '') problems.push(`columns.${field} must name a column of the export`);
    else columns[field as LineField] = header.trim();
  }
  if (!columns.date) problems.push('columns.date must name the column of the booking date');
  if (!columns.account) problems.push('columns.account must name the column of the ledger account (grootboekrekening)');
  const signed = columns.amount !== undefined;
  const split = columns.debit !== undefined || columns.credit !== undefined;
  if (signed === split || (split && (!columns.debit || !columns.credit))) {
    problems.push('columns must name either amount (signed, debit positive) or both debit and credit');
  }
  if (columns.line && !columns.document) problems.push('columns.line is a line of a document: name columns.document too');
  return columns;
}

function readBudgetRule(value: unknown, where: string, problems: string[]): BudgetRule {
  const raw = asRecord(value, where, problems);
  unknownKeys(raw, ['budget', 'line', 'programme', 'when'], where, problems);
  const line = raw.line === undefined ? undefined : readId(raw.line, `${where}.line`, problems);
  const programme = raw.programme === undefined ? undefined : readId(raw.programme, `${where}.programme`, problems);
  return {
    budget: readId(raw.budget, `${where}.budget`, problems),
    ...(line ? { line } : {}),
    ...(programme ? { programme } : {}),
    when: readCondition(raw.when, `${where}.when`, problems),
  };
}

function readLineRule(value: unknown, where: string, problems: string[]): LineRule {
  const raw = asRecord(value, where, problems);
  unknownKeys(raw, ['as', 'kind', 'funder', 'regulationCode', 'when'], where, problems);
  const role = raw.as as LineRole;
  if (!(LINE_ROLES as readonly unknown[]).includes(role)) problems.push(`${where}.as must be one of ${LINE_ROLES.join(', ')}`);
  const opens = role === 'commitment' || role === 'expense';
  if (opens && !(EXPENSE_KINDS as readonly unknown[]).includes(raw.kind)) {
    problems.push(`${where}.kind must be one of ${EXPENSE_KINDS.join(', ')} (a ${role} opens an expense of that kind)`);
  }
  if (!opens && raw.kind !== undefined) problems.push(`${where}.kind is for a commitment or an expense, not a ${String(role)}`);
  if (role !== 'income' && (raw.funder !== undefined || raw.regulationCode !== undefined)) problems.push(`${where}: funder and regulationCode are for an income`);
  if (raw.regulationCode !== undefined && raw.funder === undefined) problems.push(`${where}.regulationCode needs a funder: an outside funder pays under a regulation`);
  const funder = raw.funder === undefined ? undefined : readId(raw.funder, `${where}.funder`, problems);
  return {
    as: role,
    ...(opens ? { kind: raw.kind as ExpenseKind } : {}),
    ...(funder ? { funder } : {}),
    ...(typeof raw.regulationCode === 'string' ? { regulationCode: raw.regulationCode } : {}),
    when: readCondition(raw.when, `${where}.when`, problems),
  };
}

function readCondition(value: unknown, where: string, problems: string[]): Condition {
  if (value === undefined || value === null) return {};
  const raw = asRecord(value, where, problems);
  unknownKeys(raw, CONDITION_FIELDS, where, problems);
  const condition: Partial<Record<ConditionField, readonly string[]>> = {};
  for (const [field, patterns] of Object.entries(raw)) {
    const list = Array.isArray(patterns) ? patterns : [patterns];
    if (list.length === 0 || list.some((p) => (typeof p !== 'string' && typeof p !== 'number') || String(p) === '')) {
      problems.push(`${where}.${field} must be a value or a list of values (a trailing * matches any ending)`);
      continue;
    }
    condition[field as ConditionField] = list.map(String);
  }
  return condition;
}

function readCreditors(value: unknown, problems: string[]): Record<string, string> {
  if (value === undefined || value === null) return {};
  const raw = asRecord(value, 'creditors', problems);
  const creditors: Record<string, string> = {};
  for (const [number, party] of Object.entries(raw)) creditors[number] = readId(party, `creditors.${number}`, problems);
  return creditors;
}

function readNaturalPersons(value: unknown, problems: string[]): NaturalPersons {
  const raw = asRecord(value, 'naturalPersons', problems);
  unknownKeys(raw, ['party', 'creditors'], 'naturalPersons', problems);
  const creditors = Array.isArray(raw.creditors) ? raw.creditors.map(String) : [];
  if (!Array.isArray(raw.creditors)) problems.push('naturalPersons.creditors must list the creditor numbers that are natural persons');
  return { party: readId(raw.party, 'naturalPersons.party', problems), creditors };
}

function readList(value: unknown, where: string, problems: string[]): unknown[] {
  if (!Array.isArray(value) || value.length === 0) {
    problems.push(`${where} must be a list of at least one rule`);
    return [];
  }
  if (value.length > RULES_MAX) problems.push(`${where} holds at most ${RULES_MAX} rules`);
  return value.slice(0, RULES_MAX);
}

function readId(value: unknown, where: string, problems: string[]): string {
  if (isEntityId(value)) return value;
  problems.push(`${where} must be a ledger id (lower-case letters, digits and dashes), got ${JSON.stringify(value)}`);
  return '';
}

function asRecord(value: unknown, where: string, problems: string[]): Record<string, unknown> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  problems.push(`${where} must be a mapping of names to values`);
  return {};
}

function unknownKeys(raw: Record<string, unknown>, known: readonly string[], where: string, problems: string[]): void {
  const unknown = Object.keys(raw).filter((k) => !known.includes(k));
  if (unknown.length > 0) problems.push(`${where} has unknown ${unknown.length === 1 ? 'key' : 'keys'} ${unknown.join(', ')} (known: ${known.join(', ')})`);
}

/** Every budget, allocation line, party and programme the mapping names. */
export function referencesOf(mapping: BookingMapping): MappingReferences {
  const budgets = new Map<string, string[]>();
  for (const rule of mapping.budgets) {
    const lines = budgets.get(rule.budget) ?? [];
    if (rule.line && !lines.includes(rule.line)) lines.push(rule.line);
    budgets.set(rule.budget, lines);
  }
  const parties = new Set([...Object.values(mapping.creditors), ...mapping.lines.flatMap((r) => (r.funder ? [r.funder] : []))]);
  if (mapping.naturalPersons) parties.add(mapping.naturalPersons.party);
  if (mapping.otherCreditors) parties.add(mapping.otherCreditors);
  const programmes = new Set(mapping.budgets.flatMap((r) => (r.programme ? [r.programme] : [])));
  return { budgets, parties: [...parties].sort(), programmes: [...programmes].sort() };
}

/** The first rule whose every condition holds for the line's values. */
export function firstMatch<R extends { readonly when: Condition }>(rules: readonly R[], values: Readonly<Partial<Record<ConditionField, string>>>): R | undefined {
  return rules.find((rule) => Object.entries(rule.when).every(([field, patterns]) => matchesAny(values[field as ConditionField] ?? '', patterns)));
}

function matchesAny(value: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => (pattern.endsWith('*') ? value.startsWith(pattern.slice(0, -1)) : value === pattern));
}
