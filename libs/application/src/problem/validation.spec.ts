// The problem a body that fails its DTO gets: its kind names what is wrong (a bad amount or date
// only when nothing else is), and a field not sent at all is named as missing.
import 'reflect-metadata';
import { RegisterPartyDto } from '../commands/parties.dto';
import { AwardGrantDto } from '../commands/grants.dto';
import type { ProblemException } from './problem';
import { ledgerValidationPipe, type FieldError } from './validation';

const pipe = ledgerValidationPipe();

async function problemOf(body: unknown, metatype: new () => object = RegisterPartyDto): Promise<ProblemException> {
  try {
    await pipe.transform(body, { type: 'body', metatype });
  } catch (error) {
    return error as ProblemException;
  }
  throw new Error('the body was taken');
}

const party = { partyId: 'gemeente-proef', name: 'Gemeente Proef', kind: 'municipality', effectiveDate: '2024-03-01', sourceReference: 'besluit 1' };

it('names every field of an empty body as missing, as a validation problem and not a bad date', async () => {
  const problem = await problemOf({});
  expect(problem.kind).toBe('validation');
  expect(problem.detail).toBe('missing: partyId, name, kind, sourceReference, effectiveDate');
  const errors = problem.extensions.errors as FieldError[];
  expect(errors.map((e) => e.field).sort()).toEqual(['effectiveDate', 'kind', 'name', 'partyId', 'sourceReference']);
  // Each says so first, then what it must be.
  expect(errors.find((e) => e.field === 'kind')?.messages).toEqual(['kind is required', expect.stringMatching(/^kind must be one of the following values: municipality/)]);
});

it('refuses an array for a body: one object is a command', async () => {
  for (const body of [[], [party]]) {
    const problem = await problemOf(body);
    expect(problem.kind).toBe('validation');
    expect(problem.detail).toBe('the body must be a JSON object, not an array');
  }
});

it('names the missing fields apart from the wrong ones', async () => {
  const { name: _name, kind: _kind, ...rest } = party;
  const problem = await problemOf({ ...rest, effectiveDate: '2024-02-30' });
  expect(problem.kind).toBe('validation');
  expect(problem.detail).toBe('missing: name, kind | effectiveDate: effectiveDate must be a calendar date as YYYY-MM-DD');
});

it('is invalid-date when a date is all that is wrong, and invalid-amount when an amount is, sent or not', async () => {
  expect((await problemOf({ ...party, effectiveDate: '2024-02-30' })).kind).toBe('invalid-date');
  const { effectiveDate: _date, ...undated } = party;
  expect((await problemOf(undated)).kind).toBe('invalid-date');
  const grant = { grantId: 'g-1', budgetId: 'b-1', recipientPartyId: 'stichting', amount: '12.345', effectiveDate: '2024-03-01', sourceReference: 'beschikking' };
  expect((await problemOf(grant, AwardGrantDto)).kind).toBe('invalid-amount');
  const { amount: _amount, ...unpaid } = grant;
  expect((await problemOf(unpaid, AwardGrantDto)).kind).toBe('invalid-amount');
  expect((await problemOf({ ...grant, effectiveDate: '2024-02-30' }, AwardGrantDto)).kind).toBe('validation');
});
