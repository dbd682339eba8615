// What a JSON body may hold before it is parsed and validated: JSON.parse accepts things the ledger
// must refuse. A body nested deeper than any command needs would overflow the validation pipe's
// recursion (a 500); a key given twice is read last-wins, so what a client signed or logged is not
// what was recorded; `__proto__`, `constructor` and `prototype` are dropped by the DTO transform
// without a word while every other unknown field is refused; a `\ud800` escape makes a string no
// UTF-8 can hold (stored, it comes back as U+FFFD: not what was recorded, nor what was hashed).
// Each of these is a 400, found in one pass over the text (jsonc-parser's SAX-style visitor),
// before anything else reads the body.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { json } from 'body-parser';
import { visit, type JSONPath } from 'jsonc-parser';
import { ProblemException } from '@geldstroom/application/problem/problem';

/** Nesting of objects and arrays at most: every command is far shallower (its deepest is about 4). */
export const JSON_DEPTH_MAX = 32;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Thrown from body-parser's verify hook, which hands errors on with their status and `type`; the
 * problem filter makes it a `validation` problem naming the field.
 */
export class RefusedJsonError extends Error {
  readonly status = 400;
  readonly type = 'entity.refused';

  constructor(
    readonly detail: string,
    readonly field?: string,
  ) {
    super(detail);
  }
}

/** Throws RefusedJsonError for a body JSON.parse would take but the ledger must not. */
export function checkJsonText(text: string): void {
  const keysOfOpenObjects: Set<string>[] = [];
  let depth = 0;
  const enter = (): void => {
    depth += 1;
    // Thrown, not skipped: the visitor recurses per level, so it must stop here.
    if (depth > JSON_DEPTH_MAX) throw refusal(`the body is nested deeper than ${JSON_DEPTH_MAX} levels`);
  };
  visit(
    text,
    {
      onObjectBegin: () => {
        enter();
        keysOfOpenObjects.push(new Set());
      },
      onObjectEnd: () => {
        depth -= 1;
        keysOfOpenObjects.pop();
      },
      onLiteralValue: (value: unknown, _offset, _length, _line, _character, pathOf: () => JSONPath) => {
        // Not well-formed: it holds half of a surrogate pair without its other half.
        if (typeof value !== 'string' || value.isWellFormed()) return;
        const where = pathText(pathOf());
        throw refusal(`${where}: the text holds half a surrogate pair (an escape such as \\ud800 alone), which is no character`, where);
      },
      onArrayBegin: enter,
      onArrayEnd: () => {
        depth -= 1;
      },
      onObjectProperty: (key, _offset, _length, _line, _character, pathOf: () => JSONPath) => {
        // The path only for a refusal: every key of every body passes here.
        const where = () => pathText([...pathOf(), key]);
        if (!key.isWellFormed()) throw refusal(`${where().toWellFormed()}: a key holds half a surrogate pair, which is no character`);
        if (FORBIDDEN_KEYS.has(key)) throw refusal(`${where()}: the key ${key} is not allowed`, where());
        const keys = keysOfOpenObjects[keysOfOpenObjects.length - 1];
        if (keys?.has(key)) throw refusal(`${where()}: the key ${key} appears twice in one object`, where());
        keys?.add(key);
      },
    },
    { disallowComments: true, allowTrailingComma: false },
  );
}

/** body-parser's `verify` hook: runs on the decoded body before JSON.parse (only UTF-8 gets this far). */
export function verifyJsonBody(_request: IncomingMessage, _response: unknown, body: Buffer): void {
  checkJsonText(body.toString('utf8'));
}

function refusal(detail: string, field?: string): RefusedJsonError {
  return new RefusedJsonError(detail, field);
}

function pathText(path: JSONPath): string {
  return path.map(String).join('.');
}

/**
 * body-parser's JSON middleware with the checks above, and a body that is not JSON told as such.
 * body-parser gives invalid JSON as a SyntaxError with status 400, which Nest's router turns into a
 * bare 400 (a BadRequestException, body-parser's `type` lost) before any filter sees it: the
 * answer was a `validation` problem, not the `malformed-json` the API document names.
 */
export function jsonBodies(limitBytes: number): (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void {
  const parse = json({ limit: limitBytes, strict: true, verify: verifyJsonBody });
  return (request, response, next) =>
    parse(request, response, (error?: unknown) => {
      const parseFailed = error instanceof Error && (error as Error & { type?: unknown }).type === 'entity.parse.failed';
      if (!parseFailed) return next(error);
      // Strict: JSON that is no object nor array (`null`, `42`, `"x"`) fails the same way, but is JSON.
      const scalar = jsonScalarOf((error as Error & { body?: unknown }).body);
      next(
        scalar === undefined
          ? new ProblemException('malformed-json', `the body is not valid JSON: ${error.message}`)
          : new ProblemException('validation', `the body must be a JSON object, not ${scalar}`),
      );
    });
}

/** What a body that is valid JSON but no object or array holds (`null`, `a number`, …); undefined otherwise. */
function jsonScalarOf(body: unknown): string | undefined {
  if (typeof body !== 'string') return undefined;
  try {
    const value: unknown = JSON.parse(body);
    return value === null ? 'null' : typeof value === 'object' ? undefined : `a ${typeof value}`;
  } catch {
    return undefined;
  }
}
