// Graceful shutdown, HTTP side. On SIGTERM or SIGINT Nest runs, in this order: the
// before-shutdown hooks (here: start draining), the HTTP server's close (no new connections;
// it waits for every open one to end), then the shutdown hooks — the read models stop and the
// store closes, finishing the appends it accepted (see app.module.ts for their order).
import { Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationShutdown } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';

@Injectable()
export class HttpDrain implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('Shutdown');
  private readonly inFlight = new Set<ServerResponse>();
  private draining = false;

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
    this.logger.log({ signal, requestsInFlight: this.inFlight.size }, 'stopping: no new connections; requests in flight finish first');
  }

  onApplicationShutdown(): void {
    this.logger.log({ requestsInFlight: this.inFlight.size }, 'HTTP server closed');
  }
}
