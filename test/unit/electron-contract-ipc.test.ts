import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  eventNames,
  type Events,
  type InvokeReply,
} from '../../electron/contract.js';
import { createCore, type Core } from '../../electron/core/app.js';
import { useTempDirs } from '../helpers/temp-dir.js';

vi.mock('electron', async () => (await import('./electron-fake.js')).electronModule);

const { FakeWebContents, ipcMain } = await import('./electron-fake.js');
const { bindContractIpc, forwardCoreEvents, replyToInvoke } =
  await import('../../electron/main/contract-ipc.js');

const PAGE = 'app://desk/index.html';

describe('contract over IPC', () => {
  const tempDir = useTempDirs();
  let core: Core;
  let unbind: () => void;

  beforeEach(async () => {
    core = await createCore({ libraryDir: tempDir(), defaultModelDirs: [] });
    unbind = bindContractIpc(core);
  });
  afterEach(async () => {
    unbind();
    await core.close();
  });

  function invoke(method: unknown, args?: unknown, frameUrl: string | null = PAGE) {
    return ipcMain.invokeFrom(frameUrl, IPC_INVOKE_CHANNEL, method, args) as Promise<InvokeReply>;
  }

  it('answers every method through one handler with the core result', async () => {
    expect(await invoke('settings.get', {})).toEqual({
      ok: true,
      result: { reviewer: '', language: 'pt-BR' },
    });
    expect(await invoke('settings.set', { reviewer: 'Ana' })).toEqual({
      ok: true,
      result: { reviewer: 'Ana', language: 'pt-BR' },
    });
    // Arguments may be omitted where the contract has defaults.
    expect(await invoke('jobs.list', undefined)).toEqual({ ok: true, result: [] });
    // Exactly one contract channel: no per-method handlers.
    expect([...ipcMain.handlers.keys()]).toEqual([IPC_INVOKE_CHANNEL]);
  });

  it('returns invalid arguments as a coded error the page can show, and changes nothing', async () => {
    const reply = await invoke('settings.set', { language: 'fr' });
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('INVALID_ARGUMENT');
    expect(reply.error.message).toContain('language');
    expect(reply.error.details).toEqual({
      issues: [expect.objectContaining({ path: ['language'] })],
    });
    expect(await invoke('settings.get', {})).toEqual({
      ok: true,
      result: { reviewer: '', language: 'pt-BR' },
    });
  });

  it('returns an unknown or malformed method name as UNKNOWN_METHOD', async () => {
    for (const method of ['library.drop', 42, null]) {
      const reply = await invoke(method, {});
      expect(reply).toEqual({
        ok: false,
        error: expect.objectContaining({ code: 'UNKNOWN_METHOD' }),
      });
    }
  });

  it('returns a core NOT_FOUND with its message', async () => {
    const reply = await invoke('jobs.get', { jobId: 'import-nothere' });
    expect(reply).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'NOT_FOUND',
        message: expect.stringContaining('import-nothere'),
      }),
    });
  });

  it('refuses calls from any frame that is not our page, before reaching the core', async () => {
    await expect(
      invoke('settings.set', { reviewer: 'Mallory' }, 'https://evil.example/'),
    ).rejects.toThrow(/Refused/);
    await expect(invoke('settings.set', { reviewer: 'Mallory' }, 'app://other/x')).rejects.toThrow(
      /Refused/,
    );
    await expect(invoke('settings.set', { reviewer: 'Mallory' }, null)).rejects.toThrow(/Refused/);
    expect(await core.invoke('settings.get')).toEqual({ reviewer: '', language: 'pt-BR' });
  });

  it('refuses a subframe even on our own origin: only the main frame talks to the core', async () => {
    await expect(
      ipcMain.invokeFromSubframe(PAGE, PAGE, IPC_INVOKE_CHANNEL, 'settings.set', {
        reviewer: 'Mallory',
      }),
    ).rejects.toThrow(/Refused/);
    expect(await core.invoke('settings.get')).toEqual({ reviewer: '', language: 'pt-BR' });
  });

  it('turns an unexpected failure into INTERNAL instead of an opaque IPC error', async () => {
    const broken = { invokeUnknown: () => Promise.reject(new Error('disk on fire')) };
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    expect(await replyToInvoke(broken, 'library.info', {})).toEqual({
      ok: false,
      error: expect.objectContaining({
        code: 'INTERNAL',
        message: expect.stringMatching(/^Unexpected error: disk on fire\./),
        messageKey: 'error.internal',
      }),
    });
    expect(log).toHaveBeenCalled();
    log.mockRestore();
  });
});

describe('core events to the window', () => {
  const tempDir = useTempDirs();

  it('forwards every contract event on the event channel, until unsubscribed', async () => {
    const core = await createCore({ libraryDir: tempDir(), defaultModelDirs: [] });
    const contents = new FakeWebContents();
    const stop = forwardCoreEvents(core.events, contents);

    const changed: Events['library.changed'] = { imageIds: [3, 4], reason: 'review' };
    core.events.emit('library.changed', changed);
    const progress: Events['job.progress'] = {
      jobId: 'import-1',
      kind: 'import',
      phase: 'importing',
      done: 5,
      total: 10,
      bytesDone: 0,
      bytesTotal: null,
      rate: 1,
      etaSeconds: 5,
      counters: {},
    };
    core.events.emit('job.progress', progress);
    expect(contents.sent).toEqual([
      [IPC_EVENT_CHANNEL, 'library.changed', changed],
      [IPC_EVENT_CHANNEL, 'job.progress', progress],
    ]);

    stop();
    core.events.emit('library.changed', changed);
    expect(contents.sent).toHaveLength(2);
    await core.close();
  });

  it("delivers a running job's progress and its end, as the job registry emits them", async () => {
    const core = await createCore({ libraryDir: tempDir(), defaultModelDirs: [] });
    const contents = new FakeWebContents();
    forwardCoreEvents(core.events, contents);
    const job = core.context.jobs.start('classify', async (handle) => {
      handle.progress({ phase: 'classifying', done: 1, total: 1 });
      return { modelId: 'm@1', classified: 1, failed: 0, durationMs: 1 };
    });
    await core.context.jobs.wait(job.id, 10_000);
    const names = contents.sent.map(([channel, name]) => `${String(channel)} ${String(name)}`);
    expect(names).toContain(`${IPC_EVENT_CHANNEL} job.progress`);
    expect(names.at(-1)).toBe(`${IPC_EVENT_CHANNEL} job.finished`);
    const finished = contents.sent.at(-1)![2] as Events['job.finished'];
    expect(finished).toEqual(expect.objectContaining({ id: job.id, status: 'done' }));
    // Every event the contract declares is subscribed, none forgotten.
    expect(eventNames).toEqual(['job.progress', 'job.finished', 'library.changed']);
    await core.close();
  });

  it('drops events for a window that is gone instead of throwing in the job', async () => {
    const core = await createCore({ libraryDir: tempDir(), defaultModelDirs: [] });
    const contents = new FakeWebContents();
    forwardCoreEvents(core.events, contents);
    contents.destroyed = true;
    expect(() =>
      core.events.emit('library.changed', { imageIds: [], reason: 'import' }),
    ).not.toThrow();
    expect(contents.sent).toEqual([]);
    await core.close();
  });
});
