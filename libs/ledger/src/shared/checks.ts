// The checks of meaning every decider shares. Each returns a Refusal, or undefined when the
// value may be a fact; `firstRefusal` keeps the order in which a decider lists them.
import { isCents, MONEY_CENTS_MAX, formatMoney } from '../money/money';
import type { References, Refusal, RefusalCode } from './decider';
import { isIsoDate } from './dates';
import { isEntityId } from './ids';
import { describePersonalData, personalDataIn } from './personal-data';

/** Free text (a name, a reason): long enough for a sentence, too short for a file. */
export const TEXT_LENGTH_MAX = 500;

export function refusal(code: RefusalCode, detail: string, field?: string): Refusal {
  return { code, detail, ...(field ? { field } : {}) };
}

export function firstRefusal(...checks: readonly (Refusal | undefined)[]): Refusal | undefined {
  return checks.find((check) => check !== undefined);
}

export function checkId(value: unknown, field: string): Refusal | undefined {
  if (isEntityId(value)) return undefined;
  return refusal('invalid-value', `${field} must be lower-case letters, digits and dashes (2 to 64)`, field);
}

export function checkOptionalId(value: unknown, field: string): Refusal | undefined {
  return value === undefined ? undefined : checkId(value, field);
}

export function checkDate(value: unknown, field = 'effectiveDate'): Refusal | undefined {
  if (isIsoDate(value)) return undefined;
  return refusal('invalid-date', `${field} must be a calendar date YYYY-MM-DD`, field);
}

export function checkOptionalDate(value: unknown, field: string): Refusal | undefined {
  return value === undefined ? undefined : checkDate(value, field);
}

export interface AmountRules {
  /** A settlement at nil (vaststelling op nihil) is a fact; most amounts must be positive. */
  readonly allowZero?: boolean;
  /** A budget amendment is signed; it still may not be zero. */
  readonly allowNegative?: boolean;
}

export function checkAmount(value: unknown, field: string, rules: AmountRules = {}): Refusal | undefined {
  if (!isCents(value)) {
    return refusal('invalid-amount', `${field} must be integer cents of at most ${formatMoney(MONEY_CENTS_MAX)}`, field);
  }
  if (value === 0 && !rules.allowZero) return refusal('invalid-amount', `${field} must not be zero`, field);
  if (value < 0 && !rules.allowNegative) return refusal('invalid-amount', `${field} must not be negative`, field);
  return undefined;
}

/** A running total (all payments on a grant) stays within the same bound as one amount. */
export function checkTotal(total: number, field: string): Refusal | undefined {
  if (Math.abs(total) <= MONEY_CENTS_MAX) return undefined;
  return refusal('invalid-amount', `the total of ${field} would pass ${formatMoney(MONEY_CENTS_MAX)}`, field);
}

/**
 * What a text may not hold: control characters (C0 but tab, line feed and carriage return; DEL;
 * C1), which do not show, and the direction embeddings, overrides and isolates, which show a text
 * in another order than it is kept ("factuur\u202Efdp.exe" shows as "factuurexe.pdf").
 */
const HIDDEN_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

export function checkText(value: unknown, field: string): Refusal | undefined {
  if (typeof value !== 'string' || value.trim() === '' || value.length > TEXT_LENGTH_MAX) {
    return refusal('invalid-value', `${field} must be text of 1 to ${TEXT_LENGTH_MAX} characters`, field);
  }
  // With the u flag a surrogate matches only alone: half of a character cut in two, which no UTF-8 can hold.
  if (/[\uD800-\uDFFF]/u.test(value)) return refusal('invalid-value', `${field} holds half a surrogate pair: a character cut in two`, field);
  const hidden = HIDDEN_CHARACTER.exec(value)?.[0];
  if (hidden !== undefined) {
    const code = `U+${hidden.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    return refusal('invalid-value', `${field} holds ${code}, a control or text-direction character: it would not show as it is kept`, field);
  }
  const personal = personalDataIn(value);
  if (personal) return refusal('personal-data', `${field} holds ${describePersonalData(personal)}`, field);
  return undefined;
}

export function checkCount(value: unknown, field: string, max: number): Refusal | undefined {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 1 && value <= max) return undefined;
  return refusal('invalid-value', `${field} must be a whole number from 1 to ${max}`, field);
}

export function checkOneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): Refusal | undefined {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return undefined;
  return refusal('invalid-value', `${field} must be one of ${allowed.join(', ')}`, field);
}

export function checkBoolean(value: unknown, field: string): Refusal | undefined {
  return typeof value === 'boolean' ? undefined : refusal('invalid-value', `${field} must be true or false`, field);
}

/**
 * The live state of a referenced stream, or undefined when it is absent from the references
 * (the stream does not exist) or its entity does not exist (its creation was reversed).
 */
export function referenced<S extends { readonly exists: boolean }>(
  references: References,
  id: string,
): S | undefined {
  const state = references.get(id) as { live?: S } | undefined;
  return state?.live?.exists ? state.live : undefined;
}

export function notFound(what: string, field: string): Refusal {
  return refusal('not-found', `${what} does not exist`, field);
}

/** A command on an existing entity: the stream's entity must exist and be the one named. */
export function checkExisting(
  state: { readonly exists: boolean },
  stateId: string | undefined,
  commandId: unknown,
  field: string,
): Refusal | undefined {
  if (!state.exists) return refusal('not-found', `${field} ${String(commandId)} does not exist`, field);
  if (stateId !== commandId) return refusal('invalid-value', `${field} does not name this stream's entity`, field);
  return undefined;
}

/** A sub-fact (payment, invoice, line) has a client-chosen id that is used once per stream. */
export function checkUnused(used: readonly string[], id: string, field: string): Refusal | undefined {
  return used.includes(id) ? refusal('already-exists', `${field} ${id} was already recorded`, field) : undefined;
}
