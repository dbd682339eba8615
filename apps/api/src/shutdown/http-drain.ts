// Graceful shutdown, HTTP side. On SIGTERM or SIGINT Nest runs, in this order: the
// before-shutdown hooks (here: start draining, and close the connections that carry no request),
// the HTTP server's close (no new connections; it waits for every open one to end), then the
// shutdown hooks — the read models stop and the store closes, finishing the appends it accepted
// (see app.module.ts for their order).
import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationShutdown } from '@nestjs/common';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

@Injectable()
export class HttpDrain implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('Shutdown');
  private readonly inFlight = new Set<ServerResponse>();
  /** Every open connection, with how many of its requests are not yet answered. */
  private readonly connections = new Map<Socket, number>();
  private draining = false;

  /**
   * Follows the server's connections. A connection that never sent a request is not idle to Node
   * (its close waits for the headers timeout, 60 s, on it) and neither is one whose request is
   * still arriving; without this a client that connected and said nothing held the shutdown
   * for a minute.
   */
  watch(server: Server): void {
    server.on('connection', (socket: Socket) => {
      this.connections.set(socket, 0);
      socket.once('close', () => this.connections.delete(socket));
    });
    server.on('request', (request: IncomingMessage, response: ServerResponse) => {
      const socket = request.socket;
      this.connections.set(socket, (this.connections.get(socket) ?? 0) + 1);
      response.once('close', () => {
        const open = (this.connections.get(socket) ?? 1) - 1;
        if (this.connections.has(socket)) this.connections.set(socket, open);
      });
    });
  }

  /** Mounted first: tracks the requests in flight, and ends keep-alive once draining. */
  readonly middleware = (_request: IncomingMessage, response: ServerResponse, next: () => void): void => {
    // Without this a kept-alive connection stays open after its last answer, and the server's
    // close waits for the keep-alive timeout; `Connection: close` ends it with that answer.
    if (this.draining) response.setHeader('Connection', 'close');
    this.inFlight.add(response);
    response.once('close', () => this.inFlight.delete(response));
    next();
  };

  beforeApplicationShutdown(signal?: string): void {
    this.draining = true;
    for (const response of this.inFlight) {
      if (!response.headersSent) response.setHeader('Connection', 'close');
    }
    // No request on it has reached the API: nothing was taken in, so nothing is lost (a client
    // sends again what it had not finished sending, as after any closed keep-alive connection).
    let closed = 0;
    for (const [socket, requests] of this.connections) {
      if (requests > 0) continue;
      socket.destroy();
      closed += 1;
    }
    this.logger.log({ signal, requestsInFlight: this.inFlight.size, idleConnectionsClosed: closed }, 'stopping: no new connections; requests in flight finish first');
  }

  onApplicationShutdown(): void {
    this.logger.log({ requestsInFlight: this.inFlight.size }, 'HTTP server closed');
  }
}
