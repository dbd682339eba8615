// The store's "could not tell" errors must not read as "nothing was written".
import { Logger, type ArgumentsHost } from '@nestjs/common';
import { StoreUnavailableError } from '@geldstroom/event-store';
import { InvalidAsOfError } from '@geldstroom/projections';
import { ProblemFilter } from './problem.filter';

function answerTo(exception: unknown): { status: number; body: Record<string, unknown> } {
  const sent: { status: number; body: Record<string, unknown> } = { status: 0, body: {} };
  // The part of Fastify's reply the filter uses.
  const response = {
    headers: () => response,
    code: (status: number) => ((sent.status = status), response),
    type: () => response,
    send: (body: string) => ((sent.body = JSON.parse(body)), response),
  };
  const host = { switchToHttp: () => ({ getRequest: () => ({ originalUrl: '/v1/grants', id: 'request-7' }), getResponse: () => response }) };
  new ProblemFilter().catch(exception, host as unknown as ArgumentsHost);
  return sent;
}

describe('problem filter: an unavailable store', () => {
  // A 5xx is logged with its stack for the operator; here it would only be noise.
  let logged: jest.SpyInstance;
  beforeEach(() => {
    logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => logged.mockRestore());

  it('answers 503, and says a timed-out command may have been recorded', () => {
    const answer = answerTo(new StoreUnavailableError('deadline', true));
    expect(answer.status).toBe(503);
    expect(answer.body).toMatchObject({ type: '/problems/unavailable' });
    expect(String(answer.body.detail)).toMatch(/may have been recorded/);
    expect(logged).toHaveBeenCalledTimes(1);
  });

  it('logs a 5xx with the id of the request that met it and where it was thrown', () => {
    answerTo(new Error('the disk is full'));
    expect(logged).toHaveBeenCalledWith(expect.objectContaining({ reqId: 'request-7', err: expect.stringMatching(/^Error: the disk is full\n\s+at /) }), 'request failed');
  });

  it('says nothing was written when the store refused before writing', () => {
    const answer = answerTo(new StoreUnavailableError('not the leader', false));
    expect(answer.status).toBe(503);
    expect(String(answer.body.detail)).toMatch(/nothing was written/);
  });
});

describe('problem filter: an asOf the reader cannot place', () => {
  it('answers 400 validation naming the value, not a 500', () => {
    const answer = answerTo(new InvalidAsOfError('2024-02-30T25:00:00Z'));
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ type: '/problems/validation', detail: expect.stringContaining('"2024-02-30T25:00:00Z" is not a journal position') });
  });
});
