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
  private readonly connections = new Set<Socket>();
  private draining = false;

  /**
   * Follows the server's connections and the requests on them, from the moment each arrives
   * (before the framework's own handler). A connection that never sent a request is not idle to
   * Node (its close waits for the headers timeout, 60 s, on it): without this a client that
   * connected and said nothing held the shutdown for a minute.
   */
  watch(server: Server): void {
    server.on('connection', (socket: Socket) => {
      this.connections.add(socket);
      socket.once('close', () => this.connections.delete(socket));
    });
    server.prependListener('request', (_request: IncomingMessage, response: ServerResponse) => {
      // Without this a kept-alive connection stays open after its last answer, and the server's
      // close waits for the keep-alive timeout; `Connection: close` ends it with that answer.
      if (this.draining) response.setHeader('Connection', 'close');
      this.inFlight.add(response);
      response.once('close', () => this.inFlight.delete(response));
    });
  }

  beforeApplicationShutdown(signal?: string): void {
    this.draining = true;
    for (const response of this.inFlight) {
      if (!response.headersSent) response.setHeader('Connection', 'close');
    }
    // No request on it has reached the API: nothing was taken in, so nothing is lost (a client
    // sends again what it had not finished sending, as after any closed keep-alive connection).
    const busy = new Set([...this.inFlight].map((response) => response.socket));
    let closed = 0;
    for (const socket of this.connections) {
      if (busy.has(socket)) continue;
      socket.destroy();
      closed += 1;
    }
    this.logger.log({ signal, requestsInFlight: this.inFlight.size, idleConnectionsClosed: closed }, 'stopping: no new connections; requests in flight finish first');
  }

  onApplicationShutdown(): void {
    this.logger.log({ requestsInFlight: this.inFlight.size }, 'HTTP server closed');
  }
}
