import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  type DesktopBridge,
  type InvokeReply,
} from '../../electron/contract.js';
import { DESKTOP_CHANNELS } from '../../electron/shared/desktop-channels.js';

vi.mock('electron', async () => (await import('./electron-fake.js')).electronModule);

const { fakeContextBridge, ipcRenderer } = await import('./electron-fake.js');
await import('../../electron/preload/index.js');

const bridge = fakeContextBridge.exposed.get('inspectionDesk') as DesktopBridge;

describe('preload bridge', () => {
  beforeEach(() => {
    ipcRenderer.invocations.length = 0;
    ipcRenderer.reply = { ok: true, result: null };
  });

  it('exposes window.inspectionDesk with exactly invoke, on and the desktop extras', () => {
    expect([...fakeContextBridge.exposed.keys()]).toEqual(['inspectionDesk']);
    expect(Object.keys(bridge).sort()).toEqual(
      ['invoke', 'on', 'openFolder', 'pickFolder', 'removableDrives', 'saveReportPdf'].sort(),
    );
    // Nothing of ipcRenderer leaks through.
    expect(Object.values(bridge).every((value) => typeof value === 'function')).toBe(true);
    expect(Object.values(bridge)).not.toContain(ipcRenderer);
  });

  it('sends a contract call on the invoke channel and hands back the reply', async () => {
    const reply: InvokeReply = { ok: true, result: { reviewer: 'Ana', language: 'en' } };
    ipcRenderer.reply = reply;
    expect(await bridge.invoke('settings.get', {})).toEqual(reply);
    expect(ipcRenderer.invocations).toEqual([[IPC_INVOKE_CHANNEL, 'settings.get', {}]]);
  });

  it.each([[''], ['settings'], ['settings.get; rm -rf'], ['__proto__.x'], ['desk:invoke'], [42]])(
    'rejects the method name %j without sending anything',
    async (name) => {
      const reply = await bridge.invoke(name as string, {});
      expect(reply).toEqual({
        ok: false,
        error: expect.objectContaining({ code: 'UNKNOWN_METHOD' }),
      });
      expect(ipcRenderer.invocations).toEqual([]);
    },
  );

  it('delivers only the subscribed event, with its payload alone, until unsubscribed', () => {
    const progress: unknown[][] = [];
    const stop = bridge.on('job.progress', (...args: unknown[]) => progress.push(args));
    const changed: unknown[] = [];
    const stopChanged = bridge.on('library.changed', (payload) => changed.push(payload));

    ipcRenderer.emit(IPC_EVENT_CHANNEL, { sender: 'ipc-event' }, 'job.progress', { done: 1 });
    ipcRenderer.emit(IPC_EVENT_CHANNEL, { sender: 'ipc-event' }, 'library.changed', {
      imageIds: [],
    });
    // The raw IPC event never reaches the page: one argument, the payload.
    expect(progress).toEqual([[{ done: 1 }]]);
    expect(changed).toEqual([{ imageIds: [] }]);

    stop();
    ipcRenderer.emit(IPC_EVENT_CHANNEL, {}, 'job.progress', { done: 2 });
    expect(progress).toHaveLength(1);
    stop(); // twice is harmless

    stopChanged();
    expect(ipcRenderer.listenerCount(IPC_EVENT_CHANNEL)).toBe(0);
  });

  it('keeps delivering to other listeners when one throws', () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const got: unknown[] = [];
    const stopBad = bridge.on('job.finished', () => {
      throw new Error('screen bug');
    });
    const stopGood = bridge.on('job.finished', (payload) => got.push(payload));
    ipcRenderer.emit(IPC_EVENT_CHANNEL, {}, 'job.finished', { id: 'j' });
    expect(got).toEqual([{ id: 'j' }]);
    stopBad();
    stopGood();
    error.mockRestore();
  });

  it('refuses to subscribe to a malformed event name', () => {
    expect(() => bridge.on('desk:event', () => {})).toThrow(/not an event name/);
  });

  it('calls the desktop extras on their own channels', async () => {
    ipcRenderer.reply = '/media/ana/SD';
    expect(await bridge.pickFolder('import')).toBe('/media/ana/SD');
    ipcRenderer.reply = [{ path: '/media/ana/SD', label: 'SD' }];
    expect(await bridge.removableDrives()).toEqual([{ path: '/media/ana/SD', label: 'SD' }]);
    ipcRenderer.reply = undefined;
    await bridge.openFolder('/exports/run-1');
    expect(ipcRenderer.invocations).toEqual([
      [DESKTOP_CHANNELS.pickFolder, 'import'],
      [DESKTOP_CHANNELS.removableDrives],
      [DESKTOP_CHANNELS.openFolder, '/exports/run-1'],
    ]);
  });
});
