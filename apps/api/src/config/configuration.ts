// Every setting of the API, read from the environment once and validated at start.
import { plainToInstance, Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { EVENTSTORE_CONNECTION_STRING_FORM } from '@geldstroom/event-store';
import { DOCUMENT_SIZE_BYTES_MAX } from '@geldstroom/ledger';

/** An optional setting given as `NAME=` (as compose files and .env files often do) is not set. */
const EmptyIsUnset = () => Transform(({ value }: { value: unknown }) => (value === '' ? undefined : value));

export class Configuration {
  /** TCP port of the HTTP API. */
  @Type(() => Number) @IsInt() @Min(0) @Max(65535)
  PORT = 3000;

  /** Interface to listen on; 0.0.0.0 in a container. */
  @IsString()
  HOST = '127.0.0.1';

  /** Folder of the embedded store and the read models. */
  @IsString() @MinLength(1)
  GELDSTROOM_DATA_DIR = './data';

  /** When set, the ledger runs on EventStoreDB/KurrentDB instead of the embedded SQLite file. */
  @EmptyIsUnset() @IsOptional()
  @Matches(EVENTSTORE_CONNECTION_STRING_FORM, {
    message: 'EVENTSTORE_CONNECTION_STRING must start with esdb:// or esdb+discover:// (for KurrentDB too: write kurrentdb:// as esdb://)',
  })
  EVENTSTORE_CONNECTION_STRING?: string;

  /** Ed25519 private key (PKCS#8 PEM) that signs journal digests; unsigned without it. */
  @EmptyIsUnset() @IsOptional() @IsString()
  GELDSTROOM_SIGNING_KEY?: string;

  /** Keep a digest checkpoint each time the journal has grown by this many events. */
  @Type(() => Number) @IsInt() @Min(1)
  GELDSTROOM_DIGEST_EVERY = 100;

  /** Verify the whole journal this often (and once after start); 0 turns the schedule off. */
  @Type(() => Number) @IsInt() @Min(0)
  GELDSTROOM_VERIFY_EVERY_MINUTES = 60;

  /**
   * How long a question waits, at most, for the read models to take in every event acknowledged
   * before it was asked (read-your-writes). After a large write, an import, they can be minutes
   * behind: a question then gets a 503 with Retry-After rather than hanging, and never an answer
   * that leaves out what was written before it.
   */
  @Type(() => Number) @IsInt() @Min(0) @Max(600_000)
  GELDSTROOM_READ_WAIT_MS = 30_000;

  /** Largest accepted request body, in bytes. */
  @Type(() => Number) @IsInt() @Min(1024) @Max(10 * 1024 * 1024)
  GELDSTROOM_BODY_LIMIT_BYTES = 64 * 1024;

  /** Most commands one POST /v1/batches may hold; more is refused with a 413, nothing written. */
  @Type(() => Number) @IsInt() @Min(1) @Max(100_000)
  GELDSTROOM_BATCH_COMMANDS_MAX = 1_000;

  /** Largest body of POST /v1/batches, in bytes: a thousand commands of about a kilobyte each. */
  @Type(() => Number) @IsInt() @Min(1024) @Max(64 * 1024 * 1024)
  GELDSTROOM_BATCH_BODY_LIMIT_BYTES = 2 * 1024 * 1024;

  /**
   * Largest source document accepted (POST /v1/documents), in bytes: 20 MiB holds a scanned
   * decision of many pages. A larger upload is refused with a 413 and nothing is kept.
   */
  @Type(() => Number) @IsInt() @Min(1024) @Max(DOCUMENT_SIZE_BYTES_MAX)
  GELDSTROOM_DOCUMENT_LIMIT_BYTES = 20 * 1024 * 1024;

  /** Origins allowed to call the API from a browser, comma-separated; CORS is off when unset. */
  @EmptyIsUnset() @IsOptional() @Matches(/^https?:\/\/[^,\s]+(\s*,\s*https?:\/\/[^,\s]+)*$/)
  GELDSTROOM_CORS_ORIGINS?: string;

  /**
   * Procurement thresholds (dated, with their source) the findings compare contracts with: the
   * European thresholds and the municipality's own inkoopbeleid. Relative to the working
   * folder; the default is the file kept in the repository. Read and validated at start.
   */
  @IsString() @MinLength(1)
  GELDSTROOM_THRESHOLDS_FILE = './config/procurement-thresholds.json';

  /**
   * The reporting rules as dated data with their sources: the Iv3 taakveld catalogue
   * (iv3-taakvelden.json, also what the findings check a budget's taakveld with), the Iv3
   * economic categories (iv3-categories.json), the rechtmatigheid thresholds the raad set
   * (rechtmatigheid.json) and the SiSa regulations (sisa.json). Read and validated at start.
   */
  @IsString() @MinLength(1)
  GELDSTROOM_REPORTING_RULES_DIR = './config';

  /** Scenario recorded through the API on the first start of an empty ledger; empty: none. */
  @IsString()
  GELDSTROOM_FIRST_START_SCENARIO = './scenarios/heerlen.scenario.json';

  /** Log level of the API. */
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug'])
  LOG_LEVEL = 'info';
}

export function validateConfiguration(environment: Record<string, unknown>): Configuration {
  const config = plainToInstance(Configuration, environment, { exposeDefaultValues: true });
  const errors = validateSync(config, { skipMissingProperties: false, whitelist: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`);
    throw new Error(`invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return config;
}
