/**
 * A TCP proxy between the laptops and a hub server, to cut the network mid-sync: `cut()`
 * drops every open connection and refuses new ones, as a plant link going down does;
 * `restore()` lets connections through again. With `bytesPerSecond` it is also a slow
 * link: every connection shares one budget per direction (a plant's 10 Mbit/s line).
 */
import net from 'node:net';

export interface CuttableLink {
  port: number;
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

/** Forwards `from` to `to`, at most `rate` bytes/s over every stream sharing `link`. */
function forward(from: net.Socket, to: net.Socket, rate: number, link: { free: number }): void {
  if (rate <= 0) {
    from.pipe(to);
    return;
  }
  from.on('data', (chunk: Buffer) => {
    const now = performance.now();
    link.free = Math.max(link.free, now) + (chunk.length / rate) * 1000;
    from.pause();
    setTimeout(() => {
      if (!to.destroyed) to.write(chunk);
      from.resume();
    }, link.free - now);
  });
  from.on('end', () => setTimeout(() => to.end(), Math.max(0, link.free - performance.now())));
}

export async function cuttableLink(
  targetHost: string,
  targetPort: number,
  options: { bytesPerSecond?: number } = {},
): Promise<CuttableLink> {
  const sockets = new Set<net.Socket>();
  const rate = options.bytesPerSecond ?? 0;
  const up = { free: 0 };
  const down_ = { free: 0 };
  let down = false;
  const server = net.createServer((client) => {
    if (down) {
      client.destroy();
      return;
    }
    const upstream = net.connect(targetPort, targetHost);
    sockets.add(client);
    sockets.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    // A side that closes ends the other once the link has delivered what it holds
    // (forward() schedules that); an error drops both at once.
    client.on('error', drop).on('close', () => sockets.delete(client));
    upstream.on('error', drop).on('close', () => sockets.delete(upstream));
    forward(client, upstream, rate, up);
    forward(upstream, client, rate, down_);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    cut() {
      down = true;
      for (const s of sockets) s.destroy();
      sockets.clear();
    },
    restore() {
      down = false;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
