/**
 * `/api/v1/classify` under a burst (issue 14, M2): a real server, the fixture model in
 * onnxruntime, real JPEGs. Only a few requests read their upload at once, a few more
 * wait, and the rest are told at once to come back (503 + Retry-After).
 */
import http from 'node:http';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../electron/server/server.js';
import { useTempDirs } from '../helpers/temp-dir.js';

const TORCH_MODEL = path.resolve('test/fixtures/models/torch-style');
const tempDir = useTempDirs();
const running: RunningServer[] = [];
afterEach(async () => {
  for (const server of running.splice(0)) await server.close();
});

async function photo(): Promise<Buffer> {
  return sharp({ create: { width: 96, height: 64, channels: 3, background: '#b04030' } })
    .jpeg()
    .toBuffer();
}

interface Answer {
  status: number;
  retryAfter: string | undefined;
  body: { error?: { code: string; message: string }; label?: string };
}

/** Starts a raw-JPEG upload and sends only its first byte until `finish` is called. */
function slowUpload(server: RunningServer, bytes: Buffer) {
  let answered!: (answer: Answer) => void;
  const answer = new Promise<Answer>((resolve) => (answered = resolve));
  const req = http.request(
    `${server.url}/api/v1/classify`,
    {
      method: 'POST',
      headers: { 'content-type': 'image/jpeg', 'content-length': bytes.length },
    },
    (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () =>
        answered({
          status: res.statusCode!,
          retryAfter: res.headers['retry-after'] as string | undefined,
          body: JSON.parse(text) as Answer['body'],
        }),
      );
    },
  );
  req.write(bytes.subarray(0, 1));
  return {
    answer,
    finish: () => req.end(bytes.subarray(1)),
  };
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('classify admission', () => {
  it('serves a few at once, queues a few, and answers the rest 503 with Retry-After at once', async () => {
    const server = await startServer({
      libraryDir: tempDir(),
      modelDirs: [TORCH_MODEL],
      port: 0,
      rendererDir: path.join(tempDir(), 'none'),
      classifyGate: { maxActive: 1, maxWaiting: 1 },
      log: () => undefined,
    });
    running.push(server);
    const bytes = await photo();
    const first = slowUpload(server, bytes);
    const second = slowUpload(server, bytes);
    // Both are in: one reading its body, one waiting its turn.
    const { gate } = server.classify;
    await until(() => gate.active === 1 && gate.waiting === 1);
    const third = slowUpload(server, bytes);
    const refused = await third.answer;
    expect(refused.status).toBe(503);
    expect(refused.retryAfter).toBe('1');
    expect(refused.body.error?.code).toBe('SERVER_BUSY');
    // A new library speaks pt-BR: the inspector reads when to send the photo again.
    expect(refused.body.error?.message).toContain('Envie esta de novo em 1 s');
    first.finish();
    second.finish();
    third.finish();
    const answers = await Promise.all([first.answer, second.answer]);
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(answers.every((a) => typeof a.body.label === 'string')).toBe(true);
    // Every turn was given back.
    await until(() => gate.active === 0 && gate.waiting === 0);
    const after = slowUpload(server, bytes);
    after.finish();
    expect((await after.answer).status).toBe(200);
  });

  it('gives the turn back when a waiting client goes away', async () => {
    const server = await startServer({
      libraryDir: tempDir(),
      modelDirs: [TORCH_MODEL],
      port: 0,
      rendererDir: path.join(tempDir(), 'none'),
      classifyGate: { maxActive: 1, maxWaiting: 1 },
      log: () => undefined,
    });
    running.push(server);
    const bytes = await photo();
    const first = slowUpload(server, bytes);
    const { gate } = server.classify;
    await until(() => gate.active === 1);
    const leaving = http.request(`${server.url}/api/v1/classify`, {
      method: 'POST',
      headers: { 'content-type': 'image/jpeg', 'content-length': bytes.length },
    });
    leaving.on('error', () => undefined);
    leaving.write(bytes.subarray(0, 1));
    await until(() => gate.waiting === 1);
    leaving.destroy();
    await until(() => gate.waiting === 0);
    first.finish();
    expect((await first.answer).status).toBe(200);
    await until(() => gate.active === 0);
  });
});
