// /health with a store whose subscription can drop: down (503) while it reconnects, and why.
import { Test } from '@nestjs/testing';
import { TerminusModule } from '@nestjs/terminus';
import type { HttpReply } from '../shared/http';
import type { SubscriptionStatus } from '@geldstroom/event-store';
import { DocumentFiles } from '../documents/document-files';
import { ReadModels } from '../queries/projections.module';
import { EVENT_STORE } from '@geldstroom/application/write/store.tokens';
import { HealthController } from './health.controller';
import { IntegrityMonitor } from './integrity-monitor';

async function healthWith(store: object) {
  const moduleRef = await Test.createTestingModule({
    imports: [TerminusModule.forRoot({ logger: false })],
    controllers: [HealthController],
    providers: [
      { provide: IntegrityMonitor, useValue: { lastReport: undefined } },
      {
        provide: ReadModels,
        useValue: { projector: { lastError: undefined }, lag: async () => ({ checkpoint: 9, headPosition: 9, lagEvents: 0, lagCountCapped: false }) },
      },
      { provide: DocumentFiles, useValue: { lastReport: undefined } },
      { provide: EVENT_STORE, useValue: { headPosition: async () => 9, ...store } },
    ],
  }).compile();
  const statuses: number[] = [];
  const response = { status: (code: number) => statuses.push(code) } as unknown as HttpReply;
  const body = await moduleRef.get(HealthController).check(response);
  return { status: statuses[0] ?? 200, body };
}

describe('/health and the store’s subscription', () => {
  const reconnecting: SubscriptionStatus = {
    state: 'reconnecting',
    since: '2025-03-01T10:00:00.000Z',
    reconnects: 3,
    checkpoint: 4_210,
    lastError: '14 UNAVAILABLE: Connection dropped',
  };

  it('is down while a subscription reconnects, and says since when and why', async () => {
    const { status, body } = await healthWith({ subscriptionStatus: () => [reconnecting] });
    expect(status).toBe(503);
    expect(body.details.subscription).toEqual({ status: 'down', ...reconnecting });
  });

  it('is up with the subscription live', async () => {
    const live: SubscriptionStatus = { state: 'live', since: '2025-03-01T10:01:00.000Z', reconnects: 3, checkpoint: 4_300 };
    const { status, body } = await healthWith({ subscriptionStatus: () => [live] });
    expect(status).toBe(200);
    expect(body.details.subscription).toEqual({ status: 'up', subscriptions: [live] });
  });

  it('says nothing of subscriptions for a store whose subscriptions cannot drop', async () => {
    const { status, body } = await healthWith({});
    expect(status).toBe(200);
    expect(body.details.subscription).toBeUndefined();
  });
});
