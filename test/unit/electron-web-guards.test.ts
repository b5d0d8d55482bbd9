import { beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('electron', async () => (await import('./electron-fake.js')).electronModule);

const { FakeWebContents, app, fakeEvent, fakeShell, resetFakeElectron } =
  await import('./electron-fake.js');
const { guardEveryWebContents, hardenWebContents, isAllowedExternalLink } =
  await import('../../electron/main/web-guards.js');

function guarded(): InstanceType<typeof FakeWebContents> {
  const contents = new FakeWebContents();
  hardenWebContents(contents as unknown as Electron.WebContents);
  return contents;
}

describe('web contents guards', () => {
  beforeEach(() => resetFakeElectron());

  it('lets the page move within app://desk but nowhere else', () => {
    const contents = guarded();
    expect(contents.navigate('app://desk/index.html#/review')).toBe(false);
    expect(contents.navigate('app://desk/review')).toBe(false);
    expect(contents.navigate('file:///etc/passwd')).toBe(true);
    expect(contents.navigate('app://evil/index.html')).toBe(true);
    expect(contents.navigate('javascript:alert(1)')).toBe(true);
    expect(contents.navigate('https://example.com/model-card')).toBe(true);
    // A web link opens in the user's browser; a file URL never opens anywhere.
    expect(fakeShell.openedExternal).toEqual(['https://example.com/model-card']);
  });

  it('blocks any frame, not only the main one, from navigating off the app', () => {
    const contents = guarded();
    expect(contents.navigateFrame('https://evil.example/phish')).toBe(true);
    expect(contents.navigateFrame('file:///home/ana/.ssh/id_ed25519', true)).toBe(true);
    expect(contents.navigateFrame('app://desk/index.html')).toBe(false);
    expect(fakeShell.openedExternal).toEqual([]);
  });

  it('blocks redirects away from the app, webviews, and every new window', () => {
    const contents = guarded();
    const redirect = fakeEvent();
    contents.emit('will-redirect', redirect, 'https://example.com/');
    expect(redirect.defaultPrevented).toBe(true);
    const webview = fakeEvent();
    contents.emit('will-attach-webview', webview, {}, {});
    expect(webview.defaultPrevented).toBe(true);

    for (const url of [
      'app://desk/index.html',
      'file:///C:/Windows/notepad.exe',
      'https://onnx.ai/',
    ]) {
      expect(contents.windowOpenHandler?.({ url })).toEqual({ action: 'deny' });
    }
    expect(fakeShell.openedExternal).toEqual(['https://onnx.ai/']);
  });

  it('hands only https links to the operating system, never files or custom schemes', () => {
    expect(isAllowedExternalLink('https://onnx.ai/docs')).toBe(true);
    for (const url of [
      'http://example.com/',
      'file:///etc/passwd',
      'smb://server/share/run.exe',
      'ms-msdt:/id PCWDiagnostic',
      'vscode://file/etc/passwd',
      'https://user:secret@example.com/',
      'not a url',
    ]) {
      expect(isAllowedExternalLink(url), url).toBe(false);
    }
    const contents = guarded();
    contents.windowOpenHandler?.({ url: 'smb://server/share/run.exe' });
    contents.navigate('ms-msdt:/id PCWDiagnostic');
    expect(fakeShell.openedExternal).toEqual([]);
  });

  it('guards every web contents the app creates, once installed', () => {
    guardEveryWebContents();
    const later = new FakeWebContents();
    app.emit('web-contents-created', fakeEvent(), later);
    expect(later.navigate('https://evil.example/')).toBe(true);
    expect(later.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({
      action: 'deny',
    });
  });
});
