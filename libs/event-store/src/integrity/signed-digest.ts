// A journal digest as given out to an auditor: the RFC 6962 tree head, optionally signed with
// Ed25519 over its RFC 8785 canonical JSON, so it can be checked without trusting the ledger.
import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import canonicalize from 'canonicalize';
import type { KeptDigest, Position } from '../event-store.port';

export interface DigestBody {
  /** How many events the tree covers, in global order. */
  readonly treeSize: number;
  /** RFC 6962 Merkle tree head, hex. */
  readonly rootHash: string;
  /** The global position of the last event covered. */
  readonly headPosition?: Position;
  readonly issuedAt: string;
}

export interface DigestSignature {
  readonly algorithm: 'Ed25519';
  /** The signer's public key, SPKI DER, base64. */
  readonly publicKey: string;
  /** Signature over the canonical JSON of the digest body, base64. */
  readonly value: string;
}

export interface SignedDigest extends DigestBody {
  readonly signature?: DigestSignature;
}

export type DigestCheck =
  | { readonly ok: true; readonly signed: boolean }
  | { readonly ok: false; readonly reason: string };

/** Reads an Ed25519 private key from PEM (PKCS#8), as kept in configuration. */
export function loadSigningKey(pem: string): KeyObject {
  const key = createPrivateKey(pem);
  if (key.asymmetricKeyType !== 'ed25519') {
    throw new Error(`the signing key must be Ed25519, not ${key.asymmetricKeyType ?? 'a symmetric key'}`);
  }
  return key;
}

export function signDigest(body: DigestBody, signingKey?: KeyObject): SignedDigest {
  const unsigned = bodyOf(body);
  if (!signingKey) return unsigned;
  const publicKey = createPublicKey(signingKey).export({ type: 'spki', format: 'der' }).toString('base64');
  const value = sign(null, signedBytes(unsigned), signingKey).toString('base64');
  return { ...unsigned, signature: { algorithm: 'Ed25519', publicKey, value } };
}

/**
 * Checks a digest's signature. With a trusted key, the digest must be signed by that key;
 * without one, an unsigned digest passes as unsigned and a signed one must verify with the key it names.
 */
export function verifySignedDigest(digest: SignedDigest, trustedPublicKey?: KeyObject): DigestCheck {
  const { signature } = digest;
  if (!signature) {
    return trustedPublicKey ? { ok: false, reason: 'the digest is not signed' } : { ok: true, signed: false };
  }
  if (signature.algorithm !== 'Ed25519') return { ok: false, reason: `unknown algorithm ${signature.algorithm}` };
  let named: KeyObject;
  try {
    named = createPublicKey({ key: Buffer.from(signature.publicKey, 'base64'), format: 'der', type: 'spki' });
  } catch {
    return { ok: false, reason: 'the public key in the signature cannot be read' };
  }
  const key = trustedPublicKey ?? named;
  if (trustedPublicKey && !samePublicKey(trustedPublicKey, named)) {
    return { ok: false, reason: 'the digest was signed by another key than the trusted one' };
  }
  const valid = verify(null, signedBytes(bodyOf(digest)), key, Buffer.from(signature.value, 'base64'));
  return valid ? { ok: true, signed: true } : { ok: false, reason: 'the signature does not match the digest' };
}

/** A signature as a store keeps it (JSON text); anything unreadable becomes one that cannot verify. */
export function parseSignature(text: string): DigestSignature {
  try {
    const parsed = JSON.parse(text) as Partial<DigestSignature>;
    if (typeof parsed.publicKey === 'string' && typeof parsed.value === 'string') {
      return { algorithm: parsed.algorithm === 'Ed25519' ? 'Ed25519' : (String(parsed.algorithm) as 'Ed25519'), publicKey: parsed.publicKey, value: parsed.value };
    }
  } catch {
    // falls through: unreadable
  }
  return { algorithm: 'Ed25519', publicKey: '', value: '' };
}

/** A digest as the store keeps it, with the signature `JournalDigester.keep` made over it. */
export function signedKeptDigest(kept: KeptDigest): SignedDigest {
  return {
    treeSize: kept.treeSize,
    rootHash: kept.rootHash,
    ...(kept.headPosition !== undefined ? { headPosition: kept.headPosition } : {}),
    issuedAt: kept.keptAt,
    ...(kept.signature ? { signature: kept.signature } : {}),
  };
}

/** The public half of a key from configuration (a private key gives its public key). */
export function publicKeyOf(key: KeyObject): KeyObject {
  return key.type === 'private' ? createPublicKey(key) : key;
}

function bodyOf(body: DigestBody): DigestBody {
  return {
    treeSize: body.treeSize,
    rootHash: body.rootHash,
    ...(body.headPosition !== undefined ? { headPosition: body.headPosition } : {}),
    issuedAt: body.issuedAt,
  };
}

function signedBytes(body: DigestBody): Buffer {
  return Buffer.from(canonicalize(body) as string, 'utf8');
}

function samePublicKey(a: KeyObject, b: KeyObject): boolean {
  const der = (key: KeyObject) =>
    (key.type === 'private' ? createPublicKey(key) : key).export({ type: 'spki', format: 'der' });
  return der(a).equals(der(b));
}
