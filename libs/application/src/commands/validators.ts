// Shape checks shared by every DTO. Meaning (is this amount plausible here?) is the
// deciders' job; here only: is it a money string, a calendar date, an entity id.
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength, registerDecorator, type ValidationOptions } from 'class-validator';
import { ENTITY_ID_PATTERN, formatMoney, isIsoDate, MONEY_CENTS_MAX, parseMoney } from '@geldstroom/ledger';
import { DATE_CONSTRAINT, MONEY_CONSTRAINT } from '../problem/validation';

export const TEXT_LENGTH_MAX = 500;
export const SOURCE_REFERENCE_LENGTH_MAX = 200;

/** A money amount on the wire: a string with two decimals, within the ledger's bound. */
export function IsMoney(options: { allowNegative?: boolean } & ValidationOptions = {}): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: MONEY_CONSTRAINT,
      target: target.constructor,
      propertyName: String(property),
      options: {
        message: `$property must be an amount in euros as a string with two decimals, e.g. "100000.00", at most ${formatMoney(MONEY_CENTS_MAX)}${options.allowNegative ? '' : ', not negative'}`,
        ...options,
      },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && parseMoney(value, { allowNegative: options.allowNegative ?? false }).ok,
      },
    });
}

/** A calendar date `YYYY-MM-DD` that exists (no 2024-02-30). */
export function IsIsoDate(options: ValidationOptions = {}): PropertyDecorator {
  return (target, property) =>
    registerDecorator({
      name: DATE_CONSTRAINT,
      target: target.constructor,
      propertyName: String(property),
      options: { message: '$property must be a calendar date as YYYY-MM-DD', ...options },
      validator: { validate: (value: unknown) => typeof value === 'string' && isIsoDate(value) },
    });
}

/** A client-chosen id: lower-case letters, digits and dashes, 2 to 64 characters. */
export function EntityId(description: string, example: string): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ description, example, pattern: ENTITY_ID_PATTERN.source }),
    IsString(),
    Matches(ENTITY_ID_PATTERN, { message: '$property must match ' + ENTITY_ID_PATTERN.source }),
  );
}

export function OptionalEntityId(description: string, example: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ description, example, pattern: ENTITY_ID_PATTERN.source }),
    IsOptional(),
    IsString(),
    Matches(ENTITY_ID_PATTERN, { message: '$property must match ' + ENTITY_ID_PATTERN.source }),
  );
}

/** The shape of a money string, as the OpenAPI document states it (its bound is checked too). */
const MONEY_PATTERN = '^(0|[1-9]\\d{0,10})(\\.\\d{2})?$';
const SIGNED_MONEY_PATTERN = '^-?(0|[1-9]\\d{0,10})(\\.\\d{2})?$';
/** Text with something in it: not blank. */
export const NOT_BLANK_PATTERN = '\\S';

export function Money(description: string, example: string, options: { allowNegative?: boolean } = {}): PropertyDecorator {
  const pattern = options.allowNegative ? SIGNED_MONEY_PATTERN : MONEY_PATTERN;
  return applyDecorators(ApiProperty({ description, example, type: String, pattern }), IsMoney(options));
}

export function EffectiveDate(example: string): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ description: 'The business date of the fact (YYYY-MM-DD)', example, format: 'date' }),
    IsIsoDate(),
  );
}

export function Text(description: string, example: string, optional = false): PropertyDecorator {
  const doc = optional
    ? ApiPropertyOptional({ description, example, maxLength: TEXT_LENGTH_MAX, pattern: NOT_BLANK_PATTERN })
    : ApiProperty({ description, example, maxLength: TEXT_LENGTH_MAX, pattern: NOT_BLANK_PATTERN });
  return applyDecorators(
    doc,
    ...(optional ? [IsOptional()] : []),
    IsString(),
    MaxLength(TEXT_LENGTH_MAX),
    Matches(/\S/, { message: '$property must not be blank' }),
  );
}
