// The principals and their tokens, kept as events in one stream of the event store, so every
// API instance on a shared EventStoreDB sees the same principals, and every grant of access is
// in the tamper-evident journal. Token secrets never are: only their hashes.
//
// Changes are written like every other fact: as a command through RecordCommand, decided by the
// access decider (libs/ledger), with the actor in each event's metadata. This class reads the
// stream for authentication and makes the tokens (randomness stays out of the decider).
import { v7 as uuidv7 } from 'uuid';
import { GENESIS_HASH_HEX, recomputeHash, StreamNotFoundError, type EventStore, type RecordedEvent } from '@geldstroom/event-store';
import { ACCESS_STREAM, type AccessCommand } from '@geldstroom/ledger';
import { ProblemException } from '../problem/problem';
import { RecordCommand, RecordCommandHandler, type RecordResult } from '../write/record.command';
import { issueToken, parseToken, secretMatches, type Principal, type Role, type Scope } from './principal';

export { ACCESS_STREAM };

/** Unknown tokens re-read the stream at most this often, so a flood of bad tokens costs nothing. */
const REFRESH_MIN_INTERVAL_MS = 1_000;
/** Revocations made by another instance take effect within this time. */
const REFRESH_MAX_AGE_MS = 5_000;
/** The actor of the first admin's creation: the ledger's own first start, not a principal. */
export const FIRST_START_ACTOR = 'geldstroom-first-start';

interface TokenRecord {
  readonly principalId: string;
  readonly tokenHash: string;
}

export interface NewPrincipal {
  readonly principalId: string;
  readonly role: Role;
  readonly scope: Scope;
  readonly label: string;
}

/** Hands a command to the one write path: the CommandBus in the API, the handler itself in the CLI. */
export type RecordAccess = (command: RecordCommand) => Promise<RecordResult>;

export class AccessRegistry {
  private principals = new Map<string, Principal>();
  private tokens = new Map<string, TokenRecord>();
  private revision: number | undefined;
  /** Why the access stream as last read cannot be trusted: then no token is, until it verifies again. */
  private unverified: string | undefined;
  private readAtMs = 0;
  private reading: Promise<void> | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly record: RecordAccess,
  ) {}

  /** For the command line: the registry on a store, writing through a RecordCommandHandler of its own. */
  static onStore(store: EventStore): AccessRegistry {
    const handler = new RecordCommandHandler(store);
    return new AccessRegistry(store, (command) => handler.execute(command));
  }

  /** The principal a bearer token belongs to, or undefined for an unknown, wrong or revoked one. */
  async authenticate(token: string): Promise<Principal | undefined> {
    const parsed = parseToken(token);
    if (!parsed) return undefined;
    const now = Date.now();
    if (now - this.readAtMs > REFRESH_MAX_AGE_MS || (!this.tokens.has(parsed.tokenId) && now - this.readAtMs > REFRESH_MIN_INTERVAL_MS)) {
      await this.refresh();
    }
    this.refuseUnverified();
    const record = this.tokens.get(parsed.tokenId);
    if (!record || !secretMatches(parsed.secret, record.tokenHash)) return undefined;
    const principal = this.principals.get(record.principalId);
    return principal && !principal.revoked ? principal : undefined;
  }

  async list(): Promise<Principal[]> {
    await this.refresh();
    this.refuseUnverified();
    return [...this.principals.values()];
  }

  /**
   * On the very first start of an empty ledger, makes the first admin and gives back its token,
   * once. Later starts (and a second instance racing this one) get undefined.
   */
  async ensureFirstAdmin(): Promise<{ principal: Principal; token: string } | undefined> {
    await this.refresh();
    if (this.revision !== undefined) return undefined;
    try {
      const spec = { principalId: 'admin', role: 'admin', scope: 'all', label: 'First administrator, made at first start' } as const;
      return await this.create(spec, FIRST_START_ACTOR);
    } catch (error) {
      if (error instanceof ProblemException && error.kind === 'already-exists') return undefined;
      throw error;
    }
  }

  /** Makes a principal and its first token; `actor` is who asked (a principal id, or the CLI). */
  async create(spec: NewPrincipal, actor: string): Promise<{ principal: Principal; token: string }> {
    const issued = issueToken();
    const scope = spec.scope === 'all' ? 'all' : [...spec.scope];
    await this.write({ type: 'CreatePrincipal', ...spec, scope, tokenId: issued.tokenId, tokenHash: issued.tokenHash }, actor);
    return { principal: this.principals.get(spec.principalId)!, token: issued.token };
  }

  /** A new token for a principal; its earlier tokens stop working. */
  async rotate(principalId: string, actor: string): Promise<{ principal: Principal; token: string }> {
    const issued = issueToken();
    await this.write({ type: 'IssuePrincipalToken', principalId, tokenId: issued.tokenId, tokenHash: issued.tokenHash }, actor);
    return { principal: this.principals.get(principalId)!, token: issued.token };
  }

  async revoke(principalId: string, reason: string, actor: string): Promise<Principal> {
    await this.write({ type: 'RevokePrincipal', principalId, reason }, actor);
    return this.principals.get(principalId)!;
  }

  /**
   * Each access change is a command of its own (its key is new each time): making a principal
   * twice is refused by the decider as already existing, not answered as a replay. The key is no
   * token id: the journal withholds those from readers, and the key is in every event's metadata.
   */
  private async write(command: AccessCommand, actor: string): Promise<void> {
    // The decider judges on the stream as stored: not on one whose events do not verify.
    await this.refresh(true);
    this.refuseUnverified();
    await this.record(
      new RecordCommand({
        streamId: ACCESS_STREAM,
        mustExist: false,
        command,
        idempotencyKey: `${command.type}:${uuidv7()}`,
        context: { actor, scope: 'all', correlationId: uuidv7() },
      }),
    );
    await this.refresh(true);
  }

  private refresh(force = false): Promise<void> {
    if (this.reading && !force) return this.reading;
    const reading = this.readStream().finally(() => {
      if (this.reading === reading) this.reading = undefined;
    });
    this.reading = reading;
    return reading;
  }

  private async readStream(): Promise<void> {
    const principals = new Map<string, Principal>();
    const tokens = new Map<string, TokenRecord>();
    let revision: number | undefined;
    let previousHash = GENESIS_HASH_HEX;
    let unverified: string | undefined;
    try {
      for await (const event of this.store.readStream(ACCESS_STREAM)) {
        unverified = checkLink(event, previousHash);
        revision = event.revision;
        if (unverified) break;
        apply(principals, tokens, event);
        previousHash = event.hash;
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    // Fail closed: an access stream that does not verify grants nothing, not even what came before
    // the bad event (a revocation after it may be what was edited away).
    this.principals = unverified ? new Map() : principals;
    this.tokens = unverified ? new Map() : tokens;
    this.revision = revision;
    this.unverified = unverified;
    this.readAtMs = Date.now();
  }

  private refuseUnverified(): void {
    if (this.unverified === undefined) return;
    throw new ProblemException('unavailable', `The access stream does not verify (${this.unverified}): no token is accepted until the journal is restored and verifies.`);
  }
}

/**
 * An access event must hash to its stored hash and name the previous event's: authentication
 * reads the stream straight from the store, and an edit of a role in the file must not grant it.
 */
function checkLink(event: RecordedEvent, expectedPreviousHash: string): string | undefined {
  const at = `revision ${event.revision}, position ${event.position}`;
  if (event.previousHash !== expectedPreviousHash) return `${at} does not follow the event before it`;
  if (recomputeHash(event.previousHash, event) !== event.hash) return `${at} does not match its hash`;
  return undefined;
}

function apply(principals: Map<string, Principal>, tokens: Map<string, TokenRecord>, event: RecordedEvent): void {
  const data = event.data as Record<string, unknown>;
  const principalId = String(data.principalId);
  switch (event.type) {
    case 'PrincipalCreated':
      principals.set(principalId, {
        principalId,
        role: data.role as Role,
        scope: scopeFromJson(data.scope),
        label: String(data.label),
        createdAt: event.recordedAt,
        revoked: false,
      });
      tokens.set(String(data.tokenId), { principalId, tokenHash: String(data.tokenHash) });
      break;
    case 'PrincipalTokenIssued':
      for (const [tokenId, record] of tokens) if (record.principalId === principalId) tokens.delete(tokenId);
      tokens.set(String(data.tokenId), { principalId, tokenHash: String(data.tokenHash) });
      break;
    case 'PrincipalRevoked': {
      const principal = principals.get(principalId);
      if (principal) principals.set(principalId, { ...principal, revoked: true });
      break;
    }
  }
}

function scopeFromJson(value: unknown): Scope {
  return Array.isArray(value) ? value.map(String) : 'all';
}
