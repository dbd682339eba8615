// The answer schemas of the OpenAPI document, generated from the answer types themselves
// (apps/api/src/openapi/answers.ts) with ts-json-schema-generator: one generator run, every root.
import { join } from 'node:path';
import { createGenerator } from 'ts-json-schema-generator';
import { ANSWER_SCHEMAS } from '../../apps/api/src/openapi/operations';

const ROOT = join(__dirname, '..', '..');

export function generateAnswerSchemas(): { definitions: Record<string, unknown> } {
  const generator = createGenerator({
    path: join(ROOT, 'apps/api/src/openapi/answers.ts'),
    tsconfig: join(ROOT, 'tsconfig.json'),
    expose: 'export',
    topRef: true,
    jsDoc: 'extended',
    // The type check is tsc's; the generator only reads the types.
    skipTypeCheck: true,
    additionalProperties: true,
  });
  const definitions: Record<string, unknown> = {};
  for (const root of ANSWER_SCHEMAS) Object.assign(definitions, generator.createSchema(root).definitions);
  // An event's data and metadata are JSON as stored. Their recursive type (a value is an array of
  // values or an object of values) becomes a type alias that refers to itself, which client
  // generators turn into TypeScript that does not compile: said here as any JSON value instead.
  definitions.JsonValue = { description: 'Any JSON value, as stored' };
  definitions.JsonObject = { type: 'object', additionalProperties: true, description: 'A JSON object, as stored' };
  // Sorted, so a generation that finds the same types writes the same file.
  return { definitions: Object.fromEntries(Object.entries(definitions).sort(([a], [b]) => (a < b ? -1 : 1))) };
}
