// Turns class-validator's findings into one problem: bad money and bad dates get kinds of
// their own, because a client handles those differently from a mistyped field; missing fields are
// named as missing.
import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { ProblemException, type ProblemKind } from './problem';
import { keepValidationMetadataLookups } from './validation-metadata';

export interface FieldError {
  readonly field: string;
  readonly messages: string[];
}

/** Constraint names of the custom validators that mark a money or a date field. */
export const MONEY_CONSTRAINT = 'isMoney';
export const DATE_CONSTRAINT = 'isIsoDate';

interface FlatError {
  readonly field: string;
  readonly constraints: Record<string, string>;
  /** Not in the body at all: named as missing rather than by the rules its absent value breaks. */
  readonly missing: boolean;
}

function flatten(errors: readonly ValidationError[], prefix = ''): FlatError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, constraints: error.constraints, missing: error.value === undefined }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/**
 * A money or date kind only when every field in error is such a field (one missing included): a
 * body with other fields wrong or missing too is a `validation` problem, not "a date is not valid".
 */
function kindOf(flat: readonly FlatError[]): ProblemKind {
  const all = (constraint: string) => flat.length > 0 && flat.every((e) => constraint in e.constraints);
  if (all(MONEY_CONSTRAINT)) return 'invalid-amount';
  if (all(DATE_CONSTRAINT)) return 'invalid-date';
  return 'validation';
}

export function validationProblem(errors: readonly ValidationError[]): ProblemException {
  const flat = flatten(errors);
  const fieldErrors: FieldError[] = flat.map((e) => ({
    field: e.field,
    messages: [...(e.missing ? [`${e.field.split('.').pop()} is required`] : []), ...Object.values(e.constraints)],
  }));
  const missing = flat.filter((e) => e.missing).map((e) => e.field);
  const wrong = fieldErrors.filter((_, i) => !flat[i].missing).map((e) => `${e.field}: ${e.messages.join('; ')}`);
  const detail = [...(missing.length > 0 ? [`missing: ${missing.join(', ')}`] : []), ...wrong].join(' | ');
  return new ProblemException(kindOf(flat), detail, { errors: fieldErrors });
}

/** A command's body is one JSON object; an array would be read as an object without its fields. */
class LedgerValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if (metadata.type === 'body' && Array.isArray(value) && metadata.metatype !== Array) {
      throw new ProblemException('validation', 'the body must be a JSON object, not an array');
    }
    return super.transform(value, metadata);
  }
}

/** Unknown fields are refused, not dropped: a client that misspells a field must hear so. */
export function ledgerValidationPipe(): ValidationPipe {
  keepValidationMetadataLookups();
  return new LedgerValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: false,
    // The value only to tell a missing field from a wrong one; no value leaves validationProblem.
    validationError: { target: false, value: true },
    exceptionFactory: (errors) => validationProblem(errors),
  });
}
