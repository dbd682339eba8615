// The principals and their tokens, kept as events in one stream of the event store, so every
// API instance on a shared EventStoreDB sees the same principals, and every grant of access is
// in the tamper-evident journal. Token secrets never are: only their hashes.
import { Inject, Injectable } from '@nestjs/common';
import { v7 as uuidv7 } from 'uuid';
import {
  StreamNotFoundError,
  WrongExpectedRevisionError,
  type EventStore,
  type JsonObject,
  type RecordedEvent,
} from '@geldstroom/event-store';
import { EVENT_STORE } from '../store/store.tokens';
import { issueToken, parseToken, secretMatches, type IssuedToken, type Principal, type Role, type Scope } from './principal';

export const ACCESS_STREAM = 'access-principals';

/** Unknown tokens re-read the stream at most this often, so a flood of bad tokens costs nothing. */
const REFRESH_MIN_INTERVAL_MS = 1_000;
/** Revocations made by another instance take effect within this time. */
const REFRESH_MAX_AGE_MS = 5_000;

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

export class PrincipalExistsError extends Error {}
export class PrincipalNotFoundError extends Error {}

@Injectable()
export class AccessRegistry {
  private principals = new Map<string, Principal>();
  private tokens = new Map<string, TokenRecord>();
  private revision: number | undefined;
  private readAtMs = 0;
  private reading: Promise<void> | undefined;

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  /** The principal a bearer token belongs to, or undefined for an unknown, wrong or revoked one. */
  async authenticate(token: string): Promise<Principal | undefined> {
    const parsed = parseToken(token);
    if (!parsed) return undefined;
    const now = Date.now();
    if (now - this.readAtMs > REFRESH_MAX_AGE_MS || (!this.tokens.has(parsed.tokenId) && now - this.readAtMs > REFRESH_MIN_INTERVAL_MS)) {
      await this.refresh();
    }
    const record = this.tokens.get(parsed.tokenId);
    if (!record || !secretMatches(parsed.secret, record.tokenHash)) return undefined;
    const principal = this.principals.get(record.principalId);
    return principal && !principal.revoked ? principal : undefined;
  }

  async list(): Promise<Principal[]> {
    await this.refresh();
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
      return await this.create(
        { principalId: 'admin', role: 'admin', scope: 'all', label: 'First administrator, made at first start' },
        'no_stream',
      );
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError || error instanceof PrincipalExistsError) return undefined;
      throw error;
    }
  }

  async create(
    spec: NewPrincipal,
    expected: number | 'no_stream' | undefined = undefined,
  ): Promise<{ principal: Principal; token: string }> {
    return this.withRetry(async () => {
      await this.refresh();
      if (this.principals.has(spec.principalId)) throw new PrincipalExistsError(`principal ${spec.principalId} exists`);
      const issued = issueToken();
      await this.append(
        'PrincipalCreated',
        { ...spec, scope: scopeToJson(spec.scope), tokenId: issued.tokenId, tokenHash: issued.tokenHash },
        expected,
      );
      return { principal: this.principals.get(spec.principalId)!, token: issued.token };
    });
  }

  /** A new token for a principal; its earlier tokens stop working. */
  async rotate(principalId: string): Promise<{ principal: Principal; token: string }> {
    return this.withRetry(async () => {
      const principal = await this.existing(principalId);
      const issued: IssuedToken = issueToken();
      await this.append('PrincipalTokenIssued', { principalId, tokenId: issued.tokenId, tokenHash: issued.tokenHash });
      return { principal, token: issued.token };
    });
  }

  async revoke(principalId: string, reason: string): Promise<Principal> {
    return this.withRetry(async () => {
      await this.existing(principalId);
      await this.append('PrincipalRevoked', { principalId, reason });
      return this.principals.get(principalId)!;
    });
  }

  private async existing(principalId: string): Promise<Principal> {
    await this.refresh();
    const principal = this.principals.get(principalId);
    if (!principal || principal.revoked) throw new PrincipalNotFoundError(`no active principal ${principalId}`);
    return principal;
  }

  private async append(type: string, data: JsonObject, expected?: number | 'no_stream'): Promise<void> {
    await this.store.append(
      ACCESS_STREAM,
      [{ id: uuidv7(), type, data, metadata: { schemaVersion: 1 } }],
      expected ?? this.revision ?? 'no_stream',
    );
    await this.refresh(true);
  }

  /** Another instance may have written in between: read again and retry once or twice. */
  private async withRetry<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await work();
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt === 3) throw error;
        await this.refresh(true);
      }
    }
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
    try {
      for await (const event of this.store.readStream(ACCESS_STREAM)) {
        apply(principals, tokens, event);
        revision = event.revision;
      }
    } catch (error) {
      if (!(error instanceof StreamNotFoundError)) throw error;
    }
    this.principals = principals;
    this.tokens = tokens;
    this.revision = revision;
    this.readAtMs = Date.now();
  }
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

function scopeToJson(scope: Scope): string | string[] {
  return scope === 'all' ? 'all' : [...scope];
}

function scopeFromJson(value: unknown): Scope {
  return Array.isArray(value) ? value.map(String) : 'all';
}
