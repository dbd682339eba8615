// Turns class-validator's findings into one problem: bad money and bad dates get kinds of
// their own, because a client handles those differently from a mistyped field.
import { ValidationPipe, type ValidationError } from '@nestjs/common';
import { ProblemException, type ProblemKind } from './problem';
import { keepValidationMetadataLookups } from './validation-metadata';

export interface FieldError {
  readonly field: string;
  readonly messages: string[];
}

/** Constraint names of the custom validators that mark a money or a date field. */
export const MONEY_CONSTRAINT = 'isMoney';
export const DATE_CONSTRAINT = 'isIsoDate';

function flatten(errors: readonly ValidationError[], prefix = ''): { field: string; constraints: Record<string, string> }[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, constraints: error.constraints }] : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

export function validationProblem(errors: readonly ValidationError[]): ProblemException {
  const flat = flatten(errors);
  const names = new Set(flat.flatMap((e) => Object.keys(e.constraints)));
  const kind: ProblemKind = names.has(MONEY_CONSTRAINT)
    ? 'invalid-amount'
    : names.has(DATE_CONSTRAINT)
      ? 'invalid-date'
      : 'validation';
  const fieldErrors: FieldError[] = flat.map((e) => ({ field: e.field, messages: Object.values(e.constraints) }));
  const detail = fieldErrors.map((e) => `${e.field}: ${e.messages.join('; ')}`).join(' | ');
  return new ProblemException(kind, detail, { errors: fieldErrors });
}

/** Unknown fields are refused, not dropped: a client that misspells a field must hear so. */
export function ledgerValidationPipe(): ValidationPipe {
  keepValidationMetadataLookups();
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    stopAtFirstError: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => validationProblem(errors),
  });
}
