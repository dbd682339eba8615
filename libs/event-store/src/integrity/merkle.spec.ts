// RFC 6962 Merkle trees, checked against the Certificate Transparency reference vectors.
import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { EMPTY_ROOT, MerkleFrontier, MerkleTree, verifyConsistency, verifyInclusion } from './merkle';
import { loadSigningKey, signDigest, verifySignedDigest } from './signed-digest';

const hex = (value: Buffer) => value.toString('hex');
const hexes = (values: Buffer[]) => values.map(hex);

const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(
  (h) => Buffer.from(h, 'hex'),
);

const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

const CONSISTENCY: [number, number, string[]][] = [
  [1, 1, []],
  [
    1,
    8,
    [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  ],
  [
    6,
    8,
    [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [
    2,
    5,
    [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  ],
];

const INCLUSION_IN_8: [number, string[]][] = [
  [
    5,
    [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
  [
    6,
    [
      '46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1',
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  ],
];

describe('RFC 6962 Merkle tree', () => {
  const tree = MerkleTree.fromLeaves(LEAVES);

  it('has the reference tree head for every size from 0 to 8', () => {
    expect(hex(EMPTY_ROOT)).toBe(ROOTS[0]);
    ROOTS.forEach((root, size) => expect(hex(tree.root(size))).toBe(root));
  });

  it('keeps the same heads incrementally in a frontier of O(log n) nodes', () => {
    const frontier = new MerkleFrontier();
    expect(hex(frontier.root())).toBe(ROOTS[0]);
    LEAVES.forEach((leaf, i) => {
      frontier.append(leaf);
      expect(hex(frontier.root())).toBe(ROOTS[i + 1]);
    });
    expect(hex(MerkleFrontier.fromJSON(JSON.parse(JSON.stringify(frontier))).root())).toBe(ROOTS[8]);
  });

  it.each(CONSISTENCY)('gives the reference consistency proof from %i to %i, and it verifies', (oldSize, newSize, proof) => {
    const got = tree.consistencyProof(oldSize, newSize);
    expect(hexes(got)).toEqual(proof);
    expect(verifyConsistency(oldSize, newSize, tree.root(oldSize), tree.root(newSize), got)).toBe(true);
  });

  it.each(INCLUSION_IN_8)('gives the reference inclusion proof for leaf %i of 8', (index, proof) => {
    const got = tree.inclusionProof(index, 8);
    expect(hexes(got)).toEqual(proof);
    expect(verifyInclusion(index, 8, LEAVES[index], tree.root(8), got)).toBe(true);
    expect(verifyInclusion(index, 8, Buffer.from("ff", "hex"), tree.root(8), got)).toBe(false);
  });

  it('refuses a consistency proof for a rewritten prefix or a wrong old head', () => {
    const proof = tree.consistencyProof(6, 8);
    const rewritten = MerkleTree.fromLeaves([...LEAVES.slice(0, 3), Buffer.from('ff', 'hex'), ...LEAVES.slice(4)]);
    expect(verifyConsistency(6, 8, tree.root(6), rewritten.root(8), rewritten.consistencyProof(6, 8))).toBe(false);
    expect(verifyConsistency(6, 8, tree.root(5), tree.root(8), proof)).toBe(false);
    expect(verifyConsistency(6, 8, tree.root(6), tree.root(8), proof.slice(1))).toBe(false);
  });

  it('proves every prefix of a random log consistent with the whole, and nothing tampered', () => {
    fc.assert(
      fc.property(
        fc.array(fc.uint8Array({ maxLength: 8 }), { minLength: 1, maxLength: 40 }),
        fc.nat(),
        (leaves, pick) => {
          const big = MerkleTree.fromLeaves(leaves.map((l) => Buffer.from(l)));
          const oldSize = 1 + (pick % big.size);
          const proof = big.consistencyProof(oldSize, big.size);
          expect(verifyConsistency(oldSize, big.size, big.root(oldSize), big.root(), proof)).toBe(true);
          const forged = Buffer.from(big.root(oldSize));
          forged[0] ^= 1;
          expect(verifyConsistency(oldSize, big.size, forged, big.root(), proof)).toBe(false);
        },
      ),
    );
  });
});

describe('a Merkle tree joined from trees over consecutive ranges', () => {
  const leaf = (i: number) => Buffer.from(`event ${i}`);

  it('has the heads and proofs of the tree built leaf by leaf, for any aligned cut', () => {
    fc.assert(
      fc.property(fc.nat({ max: 300 }), fc.constantFrom(1, 2, 8, 64), (count, width) => {
        const whole = MerkleTree.fromLeaves(Array.from({ length: count }, (_, i) => leaf(i)));
        const joined = new MerkleTree();
        for (let from = 0; from < count; from += width) {
          const part = MerkleTree.fromLeaves(Array.from({ length: Math.min(width, count - from) }, (_, i) => leaf(from + i)));
          joined.appendTree(part.levelsData());
        }
        expect(joined.size).toBe(count);
        for (let size = 0; size <= count; size += 1 + (size >> 3)) expect(hex(joined.root(size))).toBe(hex(whole.root(size)));
        if (count > 1) expect(hexes(joined.consistencyProof(1, count))).toEqual(hexes(whole.consistencyProof(1, count)));
      }),
      { numRuns: 200 },
    );
  });

  it('refuses subtrees that would not lie where they were built', () => {
    const three = MerkleTree.fromLeaves([leaf(0), leaf(1), leaf(2)]);
    expect(() => three.appendTree(MerkleTree.fromLeaves([leaf(3), leaf(4)]).levelsData())).toThrow(RangeError);
  });
});

describe('signed digest', () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const body = { treeSize: 8, rootHash: ROOTS[8], headPosition: 8, issuedAt: '2026-11-23T09:00:00.000Z' };

  it('is signed with the configured Ed25519 key and verifies against it', () => {
    const key = loadSigningKey(pem);
    const signed = signDigest(body, key);
    expect(signed.signature?.algorithm).toBe('Ed25519');
    expect(verifySignedDigest(signed, key)).toEqual({ ok: true, signed: true });
    expect(verifySignedDigest(JSON.parse(JSON.stringify(signed)))).toEqual({ ok: true, signed: true });
  });

  it('fails when any field was changed after signing', () => {
    const signed = signDigest(body, loadSigningKey(pem));
    expect(verifySignedDigest({ ...signed, treeSize: 7 }).ok).toBe(false);
    expect(verifySignedDigest({ ...signed, rootHash: ROOTS[7] }).ok).toBe(false);
  });

  it('fails against a trusted key other than the signer, and when unsigned but a key is trusted', () => {
    const other = generateKeyPairSync('ed25519').privateKey;
    const signed = signDigest(body, loadSigningKey(pem));
    expect(verifySignedDigest(signed, other)).toEqual({ ok: false, reason: expect.stringMatching(/another key/) });
    expect(verifySignedDigest(signDigest(body), other).ok).toBe(false);
    expect(verifySignedDigest(signDigest(body))).toEqual({ ok: true, signed: false });
  });

  it('refuses a signing key that is not Ed25519', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey;
    expect(() => loadSigningKey(rsa.export({ type: 'pkcs8', format: 'pem' }).toString())).toThrow(/Ed25519/);
  });
});
