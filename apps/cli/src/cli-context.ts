// What every command shares: the API's configuration (same environment variables, validated the
// same way) with `--data-dir` on top, the store it names, and plain output.
import { access, constants, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { JournalDigester, loadSigningKey, openEventStore, type EventStore, type StoreLocation } from '@geldstroom/event-store';
import { findingRuleFiles, loadFindingRules, loadReportRules, type FindingRules, type ReportRules } from '@geldstroom/projections';
import { validateConfiguration, type Configuration } from '../../api/src/config/configuration';

/**
 * The actor of what the command line records (access changes, and an import unless --as names another):
 * whoever runs it has the store itself in hand, not an API token.
 */
export const CLI_ACTOR = 'command-line';

export interface LedgerOptions {
  /** `--data-dir`: overrides GELDSTROOM_DATA_DIR. */
  readonly dataDir?: string;
}

export function configure(options: LedgerOptions = {}, overrides: Record<string, string> = {}): Configuration {
  return validateConfiguration({ ...process.env, ...overrides, ...(options.dataDir ? { GELDSTROOM_DATA_DIR: options.dataDir } : {}) });
}

export function storeLocation(config: Configuration): StoreLocation {
  return {
    dataDir: config.GELDSTROOM_DATA_DIR,
    ...(config.EVENTSTORE_CONNECTION_STRING ? { eventStoreConnectionString: config.EVENTSTORE_CONNECTION_STRING } : {}),
  };
}

/** Where the store is, said without a connection string's credentials. */
export function describeStore(config: Configuration): string {
  return config.EVENTSTORE_CONNECTION_STRING
    ? `EventStoreDB at ${new URL(config.EVENTSTORE_CONNECTION_STRING).host}`
    : join(config.GELDSTROOM_DATA_DIR, 'events.sqlite');
}

/** Opens the configured store for the length of `work`, and closes it however `work` ends. */
export async function withStore<T>(config: Configuration, work: (store: EventStore) => Promise<T>): Promise<T> {
  const store = await openEventStore(storeLocation(config));
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

/**
 * For a command that appends (a principal made or revoked): keeps the digests its appends make due,
 * signed with the configured key, as the API would. Verify requires one every
 * GELDSTROOM_DIGEST_EVERY events, and the keeper reads the log before the appends: what it found
 * there is not its to vouch for (journal-digester.ts).
 */
export async function withStoreKeepingDigests<T>(config: Configuration, work: (store: EventStore) => Promise<T>): Promise<T> {
  return withStore(config, async (store) => {
    const key = config.GELDSTROOM_SIGNING_KEY;
    const digester = new JournalDigester(store, { keepEvery: config.GELDSTROOM_DIGEST_EVERY, ...(key ? { signingKey: loadSigningKey(key) } : {}) });
    await digester.catchUp();
    const result = await work(store);
    await digester.keepIfDue();
    return result;
  });
}

/** The rules the findings are derived with, as the API reads them. */
export function rulesOf(config: Configuration): FindingRules {
  return loadFindingRules(findingRuleFiles(config.GELDSTROOM_THRESHOLDS_FILE, config.GELDSTROOM_REPORTING_RULES_DIR));
}

/** The reporting rules the reports are computed with, as the API reads them. */
export function reportRulesOf(config: Configuration): ReportRules {
  return loadReportRules(config.GELDSTROOM_REPORTING_RULES_DIR);
}

export function projectionsPath(config: Configuration): string {
  return join(config.GELDSTROOM_DATA_DIR, 'projections.sqlite');
}

/** Results go to stdout; progress bars and errors to stderr, so a result can be piped. */
export function say(text = ''): void {
  process.stdout.write(`${text}\n`);
}

export function fail(text: string): void {
  process.stderr.write(`${text}\n`);
  process.exitCode = 1;
}

/**
 * Why a file the person named could not be read, in their words: the path they gave and what is
 * wrong with it, never a system call's name (`ENOENT: no such file or directory, stat …`).
 */
export function unreadable(path: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reasons: Record<string, string> = {
    ENOENT: 'there is no such file',
    EACCES: 'it may not be read (permission denied)',
    EPERM: 'it may not be read (permission denied)',
    EISDIR: 'it is a folder, not a file',
    ENOTDIR: 'a part of the path is not a folder',
  };
  const reason = (code && reasons[code]) ?? (error instanceof Error ? error.message : String(error));
  return new Error(`cannot read ${path}: ${reason}`);
}

/**
 * Before anything is done: the folder of a file the command will write must exist and take files,
 * and the path must not be a folder. Said about the path the person gave, never about a temporary
 * file written first.
 */
export async function checkWritable(out: string): Promise<void> {
  const folder = dirname(resolve(out));
  try {
    await access(folder, constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(`cannot write ${out}: ${code === 'ENOENT' ? `the folder ${folder} does not exist` : `the folder ${folder} is not writable`}`);
  }
  const existing = await stat(out).catch(() => undefined);
  if (existing?.isDirectory()) throw new Error(`cannot write ${out}: it is a folder; give a file name`);
}
