// A token a caller puts in the query string is not written to the log.
import { createServer } from 'node:http';
import { Writable } from 'node:stream';
import request from 'supertest';
import { createHttpLogger, requestLogging } from './logging';

const TOKEN = `gs_0123456789abcdef_${'A'.repeat(43)}`;

it('writes a request line without a token sent in the query string, keeping the rest of the URL', async () => {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString('utf8'));
      done();
    },
  });
  const logger = createHttpLogger({ LOG_LEVEL: 'info' }, destination);
  const server = createServer((req, res) => {
    logger(req, res);
    res.statusCode = 401;
    res.end();
  });
  await request(server).get(`/v1/journal?access_token=${TOKEN}&limit=5`);
  await request(server).get(`/v1/programmes/${TOKEN}/cost`);
  const urls = lines.map((line) => (JSON.parse(line) as { req: { url: string } }).req.url);
  expect(urls).toEqual(['/v1/journal?access_token=[redacted]&limit=5', '/v1/programmes/[redacted]/cost']);
  expect(lines.join('\n')).not.toContain(TOKEN.slice(3));
});

describe('request lines at a level above info', () => {
  /** The lines a logger at `level` writes for one request answered with `status`, as objects. */
  async function linesFor(level: string, status: number, path = '/v1/programmes/p-1/cost'): Promise<{ lines: Record<string, unknown>[]; requestId: string | undefined }> {
    const lines: Record<string, unknown>[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
        done();
      },
    });
    const logging = requestLogging(createHttpLogger({ LOG_LEVEL: level }, destination));
    const server = createServer((req, res) =>
      logging(req, res, () => {
        res.statusCode = status;
        res.end();
      }),
    );
    const answer = await request(server).get(path).set('x-request-id', 'req-1').set('user-agent', 'test');
    return { lines, requestId: answer.headers['x-request-id'] as string | undefined };
  }

  /** A line without what differs from one request to the next. */
  const shape = (line: Record<string, unknown>) => {
    const { time: _time, pid: _pid, hostname: _hostname, responseTime, ...rest } = line;
    return { ...rest, responseTime: typeof responseTime };
  };

  it('writes nothing for an answered request, and still answers its X-Request-Id', async () => {
    const { lines, requestId } = await linesFor('warn', 200);
    expect(lines).toEqual([]);
    expect(requestId).toBe('req-1');
  });

  it.each([401, 403, 500, 503])('writes a %i as pino-http writes it at info', async (status) => {
    const [atWarn, atInfo] = [await linesFor('warn', status), await linesFor('info', status)];
    expect(atWarn.lines).toHaveLength(1);
    expect(atWarn.lines.map(shape)).toEqual(atInfo.lines.map(shape));
    expect(atWarn.lines[0]).toMatchObject({ req: { id: 'req-1', method: 'GET', url: '/v1/programmes/p-1/cost' }, res: { statusCode: status } });
    expect(atWarn.requestId).toBe('req-1');
  });

  it('writes an unhealthy /health, not a healthy one', async () => {
    expect((await linesFor('warn', 200, '/health')).lines).toEqual([]);
    const unhealthy = await linesFor('warn', 503, '/health');
    expect(unhealthy.lines.map(shape)).toEqual((await linesFor('info', 503, '/health')).lines.map(shape));
  });
});
