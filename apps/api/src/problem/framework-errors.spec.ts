// What is written to the socket when Node's HTTP parser gives up before there is a request: the
// status HTTP has for the reason (431, 408) or a 400, always as a problem with the security headers.
import type { Socket } from 'node:net';
import { answerClientErrors } from './framework-errors';

/** The bytes answered and whether the socket was closed. */
function answered(code: string): { head: string; body: Record<string, unknown>; destroyed: boolean } {
  const written: string[] = [];
  let destroyed = false;
  const socket = { destroyed: false, writable: true, write: (text: string) => written.push(text), destroy: () => (destroyed = true) } as unknown as Socket;
  answerClientErrors([['X-Content-Type-Options', 'nosniff']])(Object.assign(new Error(code), { code }), socket);
  const [head, body] = written.join('').split('\r\n\r\n');
  return { head, body: JSON.parse(body) as Record<string, unknown>, destroyed };
}

describe("answers to what Node's parser refuses", () => {
  it.each([
    ['HPE_HEADER_OVERFLOW', 'HTTP/1.1 431 Request Header Fields Too Large', '/problems/headers-too-large', 431],
    ['ERR_HTTP_REQUEST_TIMEOUT', 'HTTP/1.1 408 Request Timeout', '/problems/request-timeout', 408],
    ['HPE_INVALID_URL', 'HTTP/1.1 400 Bad Request', '/problems/validation', 400],
    ['HPE_INVALID_METHOD', 'HTTP/1.1 400 Bad Request', '/problems/validation', 400],
  ])('%s: %s', (code, statusLine, type, status) => {
    const { head, body, destroyed } = answered(code);
    expect(head.split('\r\n')[0]).toBe(statusLine);
    expect(head).toContain('Content-Type: application/problem+json');
    expect(head).toContain('X-Content-Type-Options: nosniff');
    expect(body).toMatchObject({ type, status });
    expect(destroyed).toBe(true);
  });
});
