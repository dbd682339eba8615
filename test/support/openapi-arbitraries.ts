// fast-check arbitraries made from the API's own OpenAPI document: a body or a parameter as its
// schema describes it, and the same broken in the ways a client (or an attacker) breaks one.
// No maintained library turns JSON Schema into fast-check arbitraries (json-schema-fast-check
// stopped at fast-check 1), so this covers what the document uses: objects, arrays, strings
// with pattern, enum, format date and lengths, numbers with bounds, booleans, oneOf and $ref.
import fc from 'fast-check';

export interface SchemaObject {
  readonly $ref?: string;
  readonly type?: string;
  readonly properties?: Record<string, SchemaObject>;
  readonly required?: readonly string[];
  readonly items?: SchemaObject;
  readonly enum?: readonly unknown[];
  readonly pattern?: string;
  readonly format?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly oneOf?: readonly SchemaObject[];
  readonly anyOf?: readonly SchemaObject[];
}

export interface OpenApiDocument {
  readonly paths: Record<string, Record<string, OperationObject>>;
  readonly components: { readonly schemas: Record<string, SchemaObject> };
}

export interface OperationObject {
  readonly parameters?: readonly { readonly name: string; readonly in: string; readonly required?: boolean; readonly schema?: SchemaObject }[];
  readonly requestBody?: { readonly content?: Record<string, { readonly schema?: SchemaObject }> };
}

/** Values a schema-valid string may also be drawn from: ids the ledger knows, so commands reach its deciders. */
export interface Hints {
  readonly knownIds: readonly string[];
}

const ARRAY_ITEMS_MAX = 4;

export class SchemaArbitraries {
  constructor(
    private readonly document: OpenApiDocument,
    private readonly hints: Hints,
  ) {}

  /** A value as the schema describes it. */
  valid(schema: SchemaObject): fc.Arbitrary<unknown> {
    if (schema.$ref) return this.valid(this.resolve(schema.$ref));
    const choices = schema.oneOf ?? schema.anyOf;
    if (choices) return fc.oneof(...choices.map((choice) => this.valid(choice)));
    if (schema.enum) return fc.constantFrom(...schema.enum);
    switch (schema.type) {
      case 'object':
        return this.object(schema);
      case 'array':
        return fc.array(this.valid(schema.items ?? {}), { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? ARRAY_ITEMS_MAX, ARRAY_ITEMS_MAX) });
      case 'string':
        return this.string(schema);
      case 'integer':
        return fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000 });
      case 'number':
        return fc.oneof(fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000 }), fc.double({ noNaN: true, min: schema.minimum, max: schema.maximum }));
      case 'boolean':
        return fc.boolean();
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  }

  /** The schema's value broken: a required field gone, an unknown one added, a field of another type, or text that is not JSON. */
  broken(schema: SchemaObject): fc.Arbitrary<unknown> {
    const resolved = schema.$ref ? this.resolve(schema.$ref) : schema;
    const keys = Object.keys(resolved.properties ?? {});
    const objects = this.valid(resolved).filter((value): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value));
    const withoutRequired = objects.chain((body) =>
      (resolved.required ?? []).length === 0 ? fc.constant(body) : fc.constantFrom(...resolved.required!).map((key) => omit(body, key)),
    );
    const withUnknown = fc.tuple(objects, fc.string({ minLength: 1, maxLength: 20 }).filter((key) => !keys.includes(key)), fc.jsonValue({ maxDepth: 2 }))
      .map(([body, key, value]) => ({ ...body, [key]: value }));
    const retyped = keys.length === 0 ? objects : fc.tuple(objects, fc.constantFrom(...keys), HOSTILE_VALUE).map(([body, key, value]) => ({ ...body, [key]: value }));
    const notJson = fc.tuple(objects, fc.nat()).map(([body, cut]) => {
      const text = JSON.stringify(body);
      return new RawBody(text.slice(0, cut % Math.max(1, text.length)));
    });
    return fc.oneof(withoutRequired, withUnknown, retyped, notJson, fc.constantFrom(...RAW_ATTACKS).map((text) => new RawBody(text)), fc.jsonValue({ maxDepth: 3 }));
  }

  private object(schema: SchemaObject): fc.Arbitrary<Record<string, unknown>> {
    const properties = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, property]) => [key, this.valid(property)]));
    return fc.record(properties, { requiredKeys: [...(schema.required ?? [])] as never[] }) as fc.Arbitrary<Record<string, unknown>>;
  }

  private string(schema: SchemaObject): fc.Arbitrary<string> {
    if (schema.format === 'date') {
      return fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10));
    }
    const bounds = { minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 200, 200) };
    if (!schema.pattern) return fc.string(bounds);
    const matching = fc.stringMatching(new RegExp(schema.pattern)).filter((text) => text.length <= bounds.maxLength);
    // An id pattern: half the time one the ledger knows, so the command reaches a decider's rules.
    const ids = this.hints.knownIds.filter((id) => new RegExp(schema.pattern!).test(id));
    return ids.length > 0 ? fc.oneof(matching, fc.constantFrom(...ids)) : matching;
  }

  private resolve(ref: string): SchemaObject {
    const name = ref.replace('#/components/schemas/', '');
    const schema = this.document.components.schemas[name];
    if (!schema) throw new Error(`no schema ${ref} in the OpenAPI document`);
    return schema;
  }
}

/** A body to send as it is, not as JSON of a value. */
export class RawBody {
  constructor(readonly text: string) {}
}

/** Values that break naive parsers: wrong types, odd and long strings, money and date look-alikes. */
const HOSTILE_VALUE = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ maxLength: 1_000 }),
  fc.constantFrom<unknown>(
    '', ' ', '1e5', '12.345', '-0.00', '999999999999999.99', 'NaN', '100000,00', '€ 100,00', '2024-02-30', '2024-13-01',
    '123456782', '123.456.782', '１２３４５６７８２', '<script>alert(1)</script>', "'; DROP TABLE events; --", '\u0000', '\ud800',
    'a'.repeat(10_000), -1, 0, 1.5, 2 ** 53, 1e308, true, null, [], {}, [[[]]], { $ne: null },
  ),
);

const DEEP = `${'['.repeat(5_000)}${']'.repeat(5_000)}`;
const RAW_ATTACKS = [
  '{', '{"a":', '[1,2', '{"amount": 1e999999}', '{"a":"\\ud800"}', 'null', '""', '0', '{}'.repeat(1000), DEEP, `{"a":${DEEP}}`,
  '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{}}}', '{"a":1,"a":2}', '{"sourceReference":"x"} trailing', '\uFEFF{}',
];

function omit(body: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _gone, ...rest } = body;
  return rest;
}
