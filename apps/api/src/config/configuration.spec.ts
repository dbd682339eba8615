import 'reflect-metadata';
import { validateConfiguration } from './configuration';

describe('validateConfiguration', () => {
  it('gives every setting its documented default', () => {
    const config = validateConfiguration({});
    expect(config).toMatchObject({
      PORT: 3000,
      HOST: '127.0.0.1',
      GELDSTROOM_DATA_DIR: './data',
      GELDSTROOM_DIGEST_EVERY: 100,
      GELDSTROOM_VERIFY_EVERY_MINUTES: 60,
      GELDSTROOM_BODY_LIMIT_BYTES: 65536,
      GELDSTROOM_FIRST_START_SCENARIO: './scenarios/heerlen.scenario.json',
      LOG_LEVEL: 'info',
    });
    expect(config.EVENTSTORE_CONNECTION_STRING).toBeUndefined();
  });

  it("reads numbers from the environment's text", () => {
    expect(
      validateConfiguration({
        PORT: '8080',
        GELDSTROOM_VERIFY_EVERY_MINUTES: '0',
      }),
    ).toMatchObject({ PORT: 8080, GELDSTROOM_VERIFY_EVERY_MINUTES: 0 });
  });

  it('takes an optional setting given empty (NAME=) as not set', () => {
    const config = validateConfiguration({
      EVENTSTORE_CONNECTION_STRING: '',
      GELDSTROOM_SIGNING_KEY: '',
      GELDSTROOM_CORS_ORIGINS: '',
    });
    expect(config.EVENTSTORE_CONNECTION_STRING).toBeUndefined();
    expect(config.GELDSTROOM_SIGNING_KEY).toBeUndefined();
    expect(config.GELDSTROOM_CORS_ORIGINS).toBeUndefined();
  });

  it('takes only the connection strings the EventStoreDB client parses, and says what to write instead', () => {
    expect(validateConfiguration({ EVENTSTORE_CONNECTION_STRING: 'esdb://localhost:2113?tls=false' })).toBeDefined();
    expect(validateConfiguration({ EVENTSTORE_CONNECTION_STRING: 'esdb+discover://cluster.local:2113' })).toBeDefined();
    for (const kurrent of ['kurrentdb://localhost:2113?tls=false', 'kurrentdb+discover://cluster.local:2113']) {
      expect(() => validateConfiguration({ EVENTSTORE_CONNECTION_STRING: kurrent })).toThrow(/write kurrentdb:\/\/ as esdb:\/\//);
    }
  });

  it('refuses to start on a bad setting, naming each', () => {
    expect(() =>
      validateConfiguration({
        PORT: 'eighty',
        EVENTSTORE_CONNECTION_STRING: 'http://localhost:2113',
        LOG_LEVEL: 'chatty',
      }),
    ).toThrow(/PORT[\s\S]*EVENTSTORE_CONNECTION_STRING[\s\S]*LOG_LEVEL/);
  });
});
