/**
 * `GET /api/events`: every contract event as Server-Sent Events, so browsers follow
 * jobs and library changes the way the desktop window does over IPC.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { eventNames } from '../../contract.js';
import type { Core } from '../../core/app.js';

/** One SSE frame. JSON never contains a raw newline, so `data:` stays one line. */
export function sseFrame(event: string, payload: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
}

export interface EventStreams {
  open(req: IncomingMessage, res: ServerResponse): void;
  /** Ends every open stream (server shutdown), so `close()` does not wait on them. */
  closeAll(): void;
}

export function createEventStreams(core: Core, heartbeatMs: number): EventStreams {
  const open = new Set<ServerResponse>();
  // Once shutting down, an EventSource reconnecting on a kept-alive socket must not open
  // a stream that would keep `server.close()` waiting forever.
  let closed = false;
  return {
    open(req, res) {
      if (closed) {
        res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
        res.end('The server is shutting down.\n');
        return;
      }
      res.writeHead(200, {
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        // Proxies that buffer would hold progress back until the job ends.
        'X-Accel-Buffering': 'no',
      });
      // `retry` makes EventSource reconnect quickly after a server restart.
      res.write('retry: 2000\n: connected\n\n');
      open.add(res);
      const unsubscribe = eventNames.map((name) =>
        core.events.on(name, (payload) => {
          res.write(sseFrame(name, payload));
        }),
      );
      // A comment line keeps idle connections from being cut by proxies and OS timeouts.
      const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), heartbeatMs);
      heartbeat.unref();
      const stop = () => {
        clearInterval(heartbeat);
        for (const off of unsubscribe) off();
        open.delete(res);
      };
      req.on('close', stop);
      res.on('close', stop);
    },
    closeAll() {
      closed = true;
      for (const res of open) res.end();
      open.clear();
    },
  };
}
