// Every setting of the API, read from the environment once and validated at start.
import { plainToInstance, Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, MinLength, validateSync } from 'class-validator';
import { EVENTSTORE_CONNECTION_STRING_FORM } from '@geldstroom/event-store';

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

  /** Largest accepted request body, in bytes. */
  @Type(() => Number) @IsInt() @Min(1024) @Max(10 * 1024 * 1024)
  GELDSTROOM_BODY_LIMIT_BYTES = 64 * 1024;

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
   * The Iv3 taakveld catalogue (dated, with its sources): the names shown beside taakveld codes.
   * Relative to the working folder; read and validated at start.
   */
  @IsString() @MinLength(1)
  GELDSTROOM_IV3_CATALOGUE_FILE = './config/iv3-taakvelden.json';

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
