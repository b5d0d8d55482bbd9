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
  return {
    open(req, res) {
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
      for (const res of open) res.end();
      open.clear();
    },
  };
}
