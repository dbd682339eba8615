// Checking the journal in ranges and joining them must give exactly what one pass gives: the
// same tree head, the same head position, the same first failure — whatever was changed.
import fc from 'fast-check';
import type { JournalEntry } from '../event-store.port';
import { chainHashHex, GENESIS_HASH_HEX } from './event-hash';
import { JournalJoin, RangeChecker, type JournalRange } from './journal-ranges';

function journal(streamOfEach: number[]): JournalEntry[] {
  const tips = new Map<string, { revision: number; hash: string }>();
  return streamOfEach.map((s, i) => {
    const streamId = `grant-${s}`;
    const tip = tips.get(streamId);
    const revision = tip ? tip.revision + 1 : 0;
    const previousHash = tip?.hash ?? GENESIS_HASH_HEX;
    const canonical = JSON.stringify({ streamId, revision, amountCents: 100 * i });
    const hash = chainHashHex(previousHash, canonical);
    tips.set(streamId, { revision, hash });
    return { position: i + 1, streamId, revision, canonical, hash, previousHash };
  });
}

type Tamper =
  | { kind: 'none' }
  | { kind: 'delete'; at: number }
  | { kind: 'swap-contents'; at: number; with: number }
  | { kind: 'edit'; at: number }
  | { kind: 'rehash'; at: number }
  | { kind: 'revision'; at: number }
  | { kind: 'forge'; at: number }
  | { kind: 'short-previous-hash'; at: number };

function tampered(entries: JournalEntry[], tamper: Tamper): JournalEntry[] {
  const copy = [...entries];
  const pick = (at: number) => at % copy.length;
  switch (tamper.kind) {
    case 'none':
      return copy;
    case 'delete':
      copy.splice(pick(tamper.at), 1);
      return copy;
    case 'swap-contents': {
      // Two events trade places in the global order, each keeping its own position number.
      const [a, b] = [pick(tamper.at), pick(tamper.with)];
      [copy[a], copy[b]] = [
        { ...copy[b], position: copy[a].position },
        { ...copy[a], position: copy[b].position },
      ];
      return copy;
    }
    case 'edit': {
      const e = copy[pick(tamper.at)];
      copy[pick(tamper.at)] = { ...e, canonical: e.canonical.replace('amountCents', 'amount') };
      return copy;
    }
    case 'rehash': {
      // Edited with a valid hash of its own: only the next event of its stream can tell.
      const e = copy[pick(tamper.at)];
      const canonical = e.canonical.replace('amountCents', 'amount');
      copy[pick(tamper.at)] = { ...e, canonical, hash: chainHashHex(e.previousHash, canonical) };
      return copy;
    }
    case 'revision': {
      const e = copy[pick(tamper.at)];
      copy[pick(tamper.at)] = { ...e, revision: e.revision + 1 };
      return copy;
    }
    case 'short-previous-hash': {
      const e = copy[pick(tamper.at)];
      copy[pick(tamper.at)] = { ...e, previousHash: e.previousHash.slice(2) };
      return copy;
    }
    case 'forge': {
      // Wrong on several counts at once: one pass names the revision before the hash.
      const e = copy[pick(tamper.at)];
      copy[pick(tamper.at)] = { ...e, revision: e.revision + 1, canonical: '{}' };
      return copy;
    }
  }
}

function check(entries: JournalEntry[], ranges: JournalRange[]) {
  const join = new JournalJoin();
  for (const range of ranges) {
    const checker = new RangeChecker(range, true);
    for (const e of entries) {
      if (e.position <= (range.after ?? 0) || (range.until !== undefined && e.position > range.until)) continue;
      if (!checker.add(e.position, e.streamId, e.revision, e.canonical, e.hash, e.previousHash)) break;
    }
    if (!join.add(checker.result(), range)) break;
  }
  const { detail, ...failure } = join.failure ?? { detail: '' };
  return { failure, head: join.headPosition, size: join.tree.size, root: join.tree.root().toString('hex') };
}

/** Ranges as verify cuts them: `width` positions each, up to the highest position there is. */
function cut(entries: JournalEntry[], width: number): JournalRange[] {
  const head = Math.max(0, ...entries.map((e) => e.position));
  const ranges: JournalRange[] = [];
  for (let after = 0; after < head; after += width) {
    ranges.push({ ...(after > 0 ? { after } : {}), until: Math.min(after + width, head) });
  }
  return ranges;
}

const tamperArb: fc.Arbitrary<Tamper> = fc.oneof(
  fc.constant({ kind: 'none' as const }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('swap-contents' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ kind: fc.constant('edit' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('rehash' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('revision' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('forge' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('short-previous-hash' as const), at: fc.nat() }),
);

describe('verify in ranges', () => {
  it('finds what one pass finds, for any ledger, any change to it and any range width', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat({ max: 4 }), { minLength: 1, maxLength: 60 }),
        tamperArb,
        fc.constantFrom(1, 2, 4, 8, 16),
        (streams, tamper, width) => {
          const entries = tampered(journal(streams), tamper);
          expect(check(entries, cut(entries, width))).toEqual(check(entries, [{}]));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('passes an untouched ledger whose streams run across every seam', () => {
    const entries = journal(Array.from({ length: 64 }, (_, i) => i % 3));
    const result = check(entries, cut(entries, 4));
    expect(result).toMatchObject({ failure: {}, head: 64, size: 64 });
  });

  it('names a broken link at a seam by the event after it', () => {
    const entries = journal([0, 1, 0, 1, 0, 1, 0, 1]);
    // The event at position 3 is rewritten with a hash of its own; position 5 (the next
    // event of its stream, first of its range) no longer names it.
    const rewritten = tampered(entries, { kind: 'rehash', at: 2 });
    expect(check(rewritten, cut(rewritten, 4)).failure).toEqual({
      kind: 'chain-broken',
      position: 5,
      streamId: 'grant-0',
      revision: 2,
    });
  });
});
