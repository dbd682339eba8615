// A token a caller puts in the query string is not written to the log.
import { createServer } from 'node:http';
import { Writable } from 'node:stream';
import request from 'supertest';
import { createHttpLogger } from './logging';

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
