/**
 * A burst of concurrent classify requests (issue 14, M2) against a real server process
 * with the fixture model: memory stays bounded (peak RSS read from /proc), the excess is
 * answered at once with 503 + Retry-After, and what a burst leaves stays bounded.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { startNode, type Started } from './harness.js';

const TORCH_MODEL = path.resolve('test/fixtures/models/torch-style');
const root = mkdtempSync(path.join(os.tmpdir(), 'inspection-burst-'));
let server: Started | null = null;
afterAll(async () => {
  if (server) {
    server.child.kill('SIGTERM');
    await server.done;
  }
  rmSync(root, { recursive: true, force: true });
});

/** Resident and peak memory of a process, in MB (Linux /proc). */
function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)![1]);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
}

interface Answer {
  status: number;
  retryAfter?: string;
  ms: number;
}

function post(url: string, body: Buffer): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = http.request(
      `${url}/api/v1/classify`,
      {
        method: 'POST',
        agent: false,
        headers: { 'content-type': 'image/jpeg', 'content-length': body.length },
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            retryAfter: res.headers['retry-after'] as string | undefined,
            ms: performance.now() - started,
          }),
        );
      },
    );
    // A refused upload may be cut before all of it is sent: that is an answer too.
    req.on('error', () => resolve({ status: 0, ms: performance.now() - started }));
    req.end(body);
  });
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

describe('a burst of classify requests', () => {
  it('keeps the server under 600 MB burst after burst, and answers the excess 503 + Retry-After', async () => {
    server = startNode([
      'electron/server/main.ts',
      '--port',
      '0',
      '--library',
      path.join(root, 'library'),
      '--model',
      TORCH_MODEL,
    ]);
    let url = '';
    await server.waitFor((out) => {
      const match = /running at (http:\/\/\S+)/.exec(out);
      if (match) url = match[1]!;
      return match !== null;
    });
    const pid = server.child.pid!;
    const photo = await sharp({
      create: { width: 640, height: 480, channels: 3, background: '#a04030' },
    })
      .jpeg()
      .toBuffer();
    // Warm up: the model session opens on the first request.
    expect((await post(url, photo)).status).toBe(200);
    const idle = memoryOf(pid).rssMb;

    const large = Buffer.concat([photo.subarray(0, 4), Buffer.alloc(45 * 1024 * 1024, 7)]);
    const rounds: Record<string, number>[] = [];
    for (let round = 0; round < 2; round++) {
      const small = await Promise.all(Array.from({ length: 500 }, () => post(url, photo)));
      const accepted = small.filter((a) => a.status === 200);
      const busy = small.filter((a) => a.status === 503);
      expect(accepted.length + busy.length).toBe(500);
      expect(accepted.length).toBeGreaterThan(0);
      expect(busy.every((a) => a.retryAfter === '1')).toBe(true);
      // 20 uploads of 45 MB at once (the limit is 50 MB): only a few are read.
      const big = await Promise.all(Array.from({ length: 20 }, () => post(url, large)));
      expect(big.filter((a) => a.status === 503).length).toBeGreaterThan(0);
      const { peakMb, rssMb } = memoryOf(pid);
      expect(peakMb).toBeLessThan(600);
      rounds.push({
        peakRssMb: Math.round(peakMb),
        afterRssMb: Math.round(rssMb),
        accepted: accepted.length,
        refused503: busy.length,
        p50AcceptedMs: Math.round(
          percentile(
            accepted.map((a) => a.ms),
            50,
          ),
        ),
        p99AcceptedMs: Math.round(
          percentile(
            accepted.map((a) => a.ms),
            99,
          ),
        ),
        p99RefusedMs: Math.round(
          percentile(
            busy.map((a) => a.ms),
            99,
          ),
        ),
      });
    }
    process.stdout.write(
      `classify burst figures: ${JSON.stringify({ idleRssMb: Math.round(idle), rounds })}\n`,
    );
    // Bounded, burst after burst (before the gate: 2.1-2.9 GB during one, 1.5 GB after).
    for (const round of rounds) expect(round.afterRssMb).toBeLessThan(600);
  });
});
