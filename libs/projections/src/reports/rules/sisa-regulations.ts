// The SiSa regulations relevant to participation and re-integration (config/sisa.json): per
// regulation its code, ministry, legal basis and the indicators the SiSa-bijlage asks, each
// marked with whether the search could confirm it, since a filing must not rest on a guess.
import { MONEY_CENTS_MAX } from '@geldstroom/ledger';
import {
  asRecord, covers, isText, isYear, readJson, refuse, sourceProblems, spanProblems, toSources, toSpan, type RuleSource, type YearSpan,
} from './rule-data';

export const INDICATOR_KINDS = ['amount', 'count', 'yes-no'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];

export interface SisaIndicator {
  readonly label: string;
  readonly kind: IndicatorKind;
  readonly confirmed: boolean;
}

export interface SisaRegulation extends YearSpan {
  readonly id: string;
  /** The uitkeringscode as 'SZW/G2'; null where no code could be confirmed. */
  readonly code: string | null;
  readonly codeConfirmed: boolean;
  readonly ministry: string;
  readonly name: string;
  readonly legalBasis: string;
  readonly legalBasisConfirmed: boolean;
  readonly relevance: string;
  readonly indicators: readonly SisaIndicator[];
  readonly sources: readonly RuleSource[];
  readonly note?: string;
}

export interface SisaFramework {
  readonly deadline: string;
  readonly indicatorShape: string;
  readonly audit: string;
  /** A specifieke uitkering from this amount a year needs a deelwaarneming by the accountant. */
  readonly deelwaarnemingFromCents: number;
  readonly deelwaarnemingValidFromYear: number;
  readonly sources: readonly RuleSource[];
}

export interface SisaRules {
  readonly framework: SisaFramework;
  readonly regulations: readonly SisaRegulation[];
}

const SISA_CODE = /^[A-Za-z]{2,6}\/[A-Z]\d{1,3}[A-Z]?$/;
const REGULATIONS_MAX = 200;
const INDICATORS_MAX = 60;

export function loadSisaRules(path: string): SisaRules {
  return parseSisaRules(readJson(path, 'sisa rules'), path);
}

/** Refuses the whole file on any wrong entry; a regulation without confirmed indicators must say why. */
export function parseSisaRules(json: unknown, origin = 'sisa rules'): SisaRules {
  const file = asRecord(json);
  if (!file) throw new Error(`${origin}: not a JSON object`);
  const list = Array.isArray(file.regulations) ? file.regulations : [];
  const problems = frameworkProblems(asRecord(file.framework));
  if (list.length === 0 || list.length > REGULATIONS_MAX) problems.push(`regulations must list 1 to ${REGULATIONS_MAX} entries`);
  const ids = new Set<string>();
  list.forEach((entry, index) => {
    const r = asRecord(entry);
    problems.push(...regulationProblems(r).map((p) => `regulations[${index}]: ${p}`));
    if (r && typeof r.id === 'string' && ids.has(r.id)) problems.push(`regulations[${index}]: id ${r.id} is used twice`);
    if (r && typeof r.id === 'string') ids.add(r.id);
  });
  refuse(origin, problems);
  return { framework: toFramework(asRecord(file.framework)!), regulations: list.map((r) => toRegulation(asRecord(r)!)) };
}

function frameworkProblems(f: Record<string, unknown> | undefined): string[] {
  if (!f) return ['framework must be an object'];
  const problems = sourceProblems(f.sources, 'framework.sources');
  for (const field of ['deadline', 'indicatorShape', 'audit'] as const) if (!isText(f[field])) problems.push(`framework.${field} must be a non-empty string`);
  const cents = f.deelwaarnemingFromCents;
  if (typeof cents !== 'number' || !Number.isSafeInteger(cents) || cents <= 0 || cents > MONEY_CENTS_MAX) {
    problems.push('framework.deelwaarnemingFromCents must be a positive integer number of cents');
  }
  if (!isYear(f.deelwaarnemingValidFromYear)) problems.push('framework.deelwaarnemingValidFromYear must be a year');
  return problems;
}

function regulationProblems(r: Record<string, unknown> | undefined): string[] {
  if (!r) return ['not an object'];
  const problems = [...spanProblems(r), ...sourceProblems(r.sources)];
  if (!isText(r.id, 100)) problems.push('id must be a non-empty string');
  if (r.code !== null && (typeof r.code !== 'string' || !SISA_CODE.test(r.code))) problems.push('code must be null or like SZW/G2');
  for (const field of ['codeConfirmed', 'legalBasisConfirmed'] as const) if (typeof r[field] !== 'boolean') problems.push(`${field} must be true or false`);
  if (r.code === null && r.codeConfirmed === true) problems.push('codeConfirmed cannot be true without a code');
  for (const field of ['ministry', 'name', 'legalBasis', 'relevance'] as const) if (!isText(r[field])) problems.push(`${field} must be a non-empty string`);
  const indicators = Array.isArray(r.indicators) ? r.indicators : null;
  if (!indicators || indicators.length > INDICATORS_MAX) return [...problems, `indicators must list 0 to ${INDICATORS_MAX} entries`];
  indicators.forEach((entry, index) => {
    const i = asRecord(entry);
    if (!i || !isText(i.label, 300) || !INDICATOR_KINDS.includes(i.kind as IndicatorKind) || typeof i.confirmed !== 'boolean') {
      problems.push(`indicators[${index}]: needs a label, a kind (${INDICATOR_KINDS.join(', ')}) and confirmed true or false`);
    }
  });
  const unconfirmed = !r.codeConfirmed || indicators.length === 0 || indicators.some((i) => asRecord(i)?.confirmed !== true);
  if (unconfirmed && !isText(r.note)) problems.push('note must say what could not be confirmed');
  return problems;
}

function toFramework(f: Record<string, unknown>): SisaFramework {
  return {
    deadline: f.deadline as string, indicatorShape: f.indicatorShape as string, audit: f.audit as string,
    deelwaarnemingFromCents: f.deelwaarnemingFromCents as number, deelwaarnemingValidFromYear: f.deelwaarnemingValidFromYear as number,
    sources: toSources(f.sources),
  };
}

function toRegulation(r: Record<string, unknown>): SisaRegulation {
  return {
    id: r.id as string, ...toSpan(r), code: (r.code as string | null) ?? null, codeConfirmed: r.codeConfirmed as boolean,
    ministry: r.ministry as string, name: r.name as string, legalBasis: r.legalBasis as string,
    legalBasisConfirmed: r.legalBasisConfirmed as boolean, relevance: r.relevance as string,
    indicators: (r.indicators as Record<string, unknown>[]).map((i) => ({ label: i.label as string, kind: i.kind as IndicatorKind, confirmed: i.confirmed as boolean })),
    sources: toSources(r.sources), ...(r.note !== undefined ? { note: r.note as string } : {}),
  };
}

/** A regulation by its SiSa code ('SZW/G2') or its id ('szw-buig'), as in force in a reporting year. */
export function regulationFor(rules: SisaRules, codeOrId: string, year: number): SisaRegulation | undefined {
  return rules.regulations.find((r) => (r.code === codeOrId || r.id === codeOrId) && covers(r, year));
}

/** Whether the accountant must examine at least one transaction of this uitkering in the year. */
export function needsDeelwaarneming(rules: SisaRules, amountCents: number, year: number): boolean {
  if (!Number.isSafeInteger(amountCents) || amountCents < 0) throw new RangeError('amountCents must be a non-negative integer number of cents');
  return year >= rules.framework.deelwaarnemingValidFromYear && amountCents >= rules.framework.deelwaarnemingFromCents;
}
