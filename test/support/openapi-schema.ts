// Checks an answer against the response schema the OpenAPI document gives for its endpoint: the
// document a client generates its types from must describe what the API really sends.
import Ajv, { type ValidateFunction } from 'ajv';
import type { Harness } from './api-harness';

const documents = new WeakMap<Harness, Promise<{ paths: Record<string, Record<string, OperationWithResponses>>; components: object }>>();
const validators = new Map<string, ValidateFunction>();
// OpenAPI 3.0 schemas: `nullable` is theirs, and `example` and `description` are annotations.
const ajv = new Ajv({ strict: false, allErrors: true });

interface OperationWithResponses {
  responses?: Record<string, { content?: Record<string, { schema?: object }> }>;
}

export async function expectMatchesSchema(api: Harness, answer: unknown, path: string, method = 'get'): Promise<void> {
  let document = documents.get(api);
  if (!document) {
    document = api.http().get('/docs/openapi.json').then((response) => response.body);
    documents.set(api, document);
  }
  const { paths, components } = await document;
  const schema = paths[path]?.[method]?.responses?.['200']?.content?.['application/json']?.schema;
  if (!schema) throw new Error(`the OpenAPI document gives no 200 response schema for ${method.toUpperCase()} ${path}`);
  const key = `${method} ${path} ${JSON.stringify(schema).length}`;
  let validate = validators.get(key);
  if (!validate) {
    // The answer schemas refer to each other inside the document's components.
    validate = ajv.compile({ ...schema, components });
    validators.set(key, validate);
  }
  if (!validate(answer)) throw new Error(`the answer of ${method.toUpperCase()} ${path} does not match its schema: ${ajv.errorsText(validate.errors, { separator: '\n' })}`);
}
