// The kept lookups of a class's validation rules: the same rules as class-validator finds, its
// ancestors' included, found once, and found again once a rule is registered later.
import 'reflect-metadata';
import { getMetadataStorage, IsInt, IsPositive, IsString, validate } from 'class-validator';
import { keepValidationMetadataLookups } from './validation-metadata';

class Base {
  @IsString()
  name: unknown;
}

class Child extends Base {
  @IsInt()
  count: unknown;

  amount: unknown;
}

const failed = async (object: object) => (await validate(object)).map((error) => error.property).sort();

beforeAll(() => keepValidationMetadataLookups());

it("finds a class's own rules and its ancestors'", async () => {
  expect(await failed(Object.assign(new Child(), { name: 1, count: 'x' }))).toEqual(['count', 'name']);
  expect(await failed(Object.assign(new Child(), { name: 'n', count: 2 }))).toEqual([]);
  expect(await failed(Object.assign(new Base(), { name: 1, count: 'x' }))).toEqual(['name']);
});

it('looks them up once per class and options', () => {
  const storage = getMetadataStorage();
  const first = storage.getTargetValidationMetadatas(Child, '', false, false);
  expect(first.map((metadata) => metadata.propertyName).sort()).toEqual(['count', 'name']);
  expect(storage.getTargetValidationMetadatas(Child, '', false, false)).toBe(first);
  expect(storage.getTargetValidationMetadatas(Child, '', true, false)).not.toBe(first);
  expect(storage.getTargetValidationMetadatas(Child, '', false, false, ['other'])).toEqual([]);
});

it('sees a rule registered after the lookup', async () => {
  expect(await failed(Object.assign(new Child(), { name: 'n', count: 2, amount: -5 }))).toEqual([]);
  IsPositive()(Child.prototype, 'amount');
  expect(await failed(Object.assign(new Child(), { name: 'n', count: 2, amount: -5 }))).toEqual(['amount']);
});

it('wraps the storage once however often it is asked', () => {
  const storage = getMetadataStorage();
  const lookUp = storage.getTargetValidationMetadatas;
  keepValidationMetadataLookups();
  expect(storage.getTargetValidationMetadatas).toBe(lookUp);
});
