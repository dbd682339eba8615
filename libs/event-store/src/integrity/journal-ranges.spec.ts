// Checking the journal in ranges and joining them must give exactly what one pass gives: the
// same tree head, the same head position, the same first failure — whatever was changed.
import fc from 'fast-check';
import type { JournalEntry } from '../event-store.port';
import { eventHashHex, GENESIS_HASH_HEX, type HashScheme } from './event-hash';
import { JournalJoin, RangeChecker, type JournalRange } from './journal-ranges';

/** A ledger of events in the streams given; the first third are of hash scheme 1, as in a ledger from before scheme 2. */
function journal(streamOfEach: number[]): JournalEntry[] {
  const tips = new Map<string, { revision: number; hash: string }>();
  return streamOfEach.map((s, i) => {
    const streamId = `grant-${s}`;
    const tip = tips.get(streamId);
    const revision = tip ? tip.revision + 1 : 0;
    const previousHash = tip?.hash ?? GENESIS_HASH_HEX;
    const eventId = `0190a6f0-0000-7000-8000-${String(i).padStart(12, '0')}`;
    const recordedAt = new Date(Date.UTC(2024, 0, 1, 0, 0, i)).toISOString();
    const hashScheme: HashScheme = i < streamOfEach.length / 3 ? 1 : 2;
    const canonical = JSON.stringify({ data: { amountCents: 100 * i }, id: eventId, recordedAt, revision, streamId });
    const stored = { eventId, streamId, revision, recordedAt, canonical };
    const hash = eventHashHex(hashScheme, previousHash, stored);
    tips.set(streamId, { revision, hash });
    return { position: i + 1, ...stored, hash, previousHash, hashScheme };
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
  | { kind: 'short-previous-hash'; at: number }
  | { kind: 'rename-stream'; at: number }
  | { kind: 'flip-scheme'; at: number };

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
      copy[pick(tamper.at)] = { ...e, canonical, hash: eventHashHex(e.hashScheme, e.previousHash, { ...e, canonical }) };
      return copy;
    }
    case 'rename-stream': {
      // Only the stream column: an UPDATE of the index the store reads a stream by.
      const e = copy[pick(tamper.at)];
      copy[pick(tamper.at)] = { ...e, streamId: `${e.streamId}-hidden` };
      return copy;
    }
    case 'flip-scheme': {
      const e = copy[pick(tamper.at)];
      copy[pick(tamper.at)] = { ...e, hashScheme: e.hashScheme === 1 ? 2 : 1 };
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
      if (!checker.add(e)) break;
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
  fc.record({ kind: fc.constant('rename-stream' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('flip-scheme' as const), at: fc.nat() }),
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

  it('catches a renamed stream and a flipped scheme in either scheme, in one pass', () => {
    const entries = journal([0, 1, 0, 1, 0, 1, 0, 1, 2]);
    expect(entries.map((e) => e.hashScheme)).toEqual([1, 1, 1, 2, 2, 2, 2, 2, 2]);
    expect(check(entries, [{}]).failure).toEqual({});
    // A renamed stream starts afresh at revision 0 only for the stream's first event; the
    // columns then differ from the hashed bytes: scheme 1 by its envelope, scheme 2 by its hash.
    expect(check(tampered(entries, { kind: 'rename-stream', at: 1 }), [{}]).failure).toMatchObject({ kind: 'envelope-mismatch', position: 2 });
    expect(check(tampered(entries, { kind: 'rename-stream', at: 8 }), [{}]).failure).toMatchObject({ kind: 'hash-mismatch', position: 9 });
    for (const at of [0, 5]) {
      expect(check(tampered(entries, { kind: 'flip-scheme', at }), [{}]).failure).toMatchObject({ kind: 'hash-mismatch', position: at + 1 });
    }
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
