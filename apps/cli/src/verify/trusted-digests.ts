// Digests an auditor kept outside the ledger, read from a file: a JSON list of
// {treeSize, rootHash}, the API's {"digests": [...]}, or one digest as `digest` prints it.
// A signed one must carry a valid signature: a forged "kept" digest proves nothing.
import { readFileSync } from 'node:fs';
import { verifySignedDigest, type KeptDigest, type SignedDigest } from '@geldstroom/event-store';
import { unreadable } from '../cli-context';

export type TrustedDigest = Pick<KeptDigest, 'treeSize' | 'rootHash'>;

const DIGESTS_MAX = 10_000;
const ROOT_HASH = /^[0-9a-f]{64}$/;

export function readTrustedDigests(path: string): TrustedDigest[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw unreadable(path, error);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  return parseTrustedDigests(parsed, path);
}

export function parseTrustedDigests(parsed: unknown, source: string): TrustedDigest[] {
  const list = Array.isArray(parsed) ? parsed : isObject(parsed) && Array.isArray(parsed.digests) ? parsed.digests : isObject(parsed) ? [parsed] : undefined;
  if (!list) throw new Error(`${source}: expected a list of {"treeSize", "rootHash"}`);
  if (list.length > DIGESTS_MAX) throw new Error(`${source}: at most ${DIGESTS_MAX} digests, found ${list.length}`);
  return list.map((entry: unknown, index) => {
    const where = `${source}: digest ${index + 1}`;
    if (!isObject(entry)) throw new Error(`${where} is not an object`);
    const { treeSize, rootHash } = entry;
    if (typeof treeSize !== 'number' || !Number.isSafeInteger(treeSize) || treeSize < 0) {
      throw new Error(`${where}: treeSize must be a non-negative integer`);
    }
    if (typeof rootHash !== 'string' || !ROOT_HASH.test(rootHash)) throw new Error(`${where}: rootHash must be 64 lower-case hex digits`);
    if (entry.signature !== undefined) {
      const check = verifySignedDigest(entry as unknown as SignedDigest);
      if (!check.ok) throw new Error(`${where}: ${check.reason}`);
    }
    return { treeSize, rootHash };
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
