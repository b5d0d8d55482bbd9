/**
 * The renderer's own transport failures in the UI's language: what `I18n.errorText`
 * shows (the catalog text for the error's key, in the UI's language) for each error the
 * transports raise. The browser path end to end is in test/e2e/server-stopped.spec.ts.
 */
import { describe, expect, it } from 'vitest';
import type { DesktopBridge } from '../../electron/contract.js';
import { renderWireMessage } from '../../electron/shared/core-messages/index.js';
import type { Language } from '../../electron/shared/language.js';
import { ContractError, SERVER_UNREACHABLE } from '../../renderer/client/contract-error.js';
import { createIpcClient } from '../../renderer/client/ipc-transport.js';
import { serverUnreachable, unreadableAnswer } from '../../renderer/client/transport-errors.js';

/** What a banner shows for `error` in `language` (I18n.errorText). */
function shown(language: Language, error: ContractError): string {
  return renderWireMessage(language, error.messageKey, error.messageValues) ?? error.message;
}

describe('transport failures in the UI language', () => {
  it('tells the inspector the server stopped, in pt-BR and in en', () => {
    const error = serverUnreachable(new TypeError('Failed to fetch'));
    expect(error.code).toBe(SERVER_UNREACHABLE);
    // Logs keep the English text with the browser's reason.
    expect(error.message).toBe(
      'The Inspection Desk server does not answer (TypeError: Failed to fetch). Check that it is still running, then try again.',
    );
    expect(shown('pt-BR', error)).toBe(
      'O servidor do Inspection Desk não responde. Verifique se ele continua em execução neste computador e tente de novo.',
    );
    expect(shown('en', error)).toBe(
      'The Inspection Desk server does not answer. Check that it is still running on this computer, then try again.',
    );
  });

  it('names the method and the HTTP status of an unreadable answer, in both languages', () => {
    const error = unreadableAnswer('library.info', 502);
    expect(shown('pt-BR', error)).toBe(
      'O servidor respondeu a library.info com HTTP 502 e sem um corpo legível. Tente de novo; se acontecer outra vez, reinicie o Inspection Desk.',
    );
    expect(shown('en', error)).toMatch(
      /^The server answered library\.info with HTTP 502 and no readable body\. Try again/,
    );
  });

  it('names the method of a desktop call that failed without an error, in both languages', async () => {
    const bridge = {
      invoke: () => Promise.resolve({ ok: false, error: 'lost' }),
    } as unknown as DesktopBridge;
    const error = await createIpcClient(bridge)
      .invoke('library.info')
      .then(
        () => null,
        (thrown: unknown) => thrown,
      );
    expect(error).toBeInstanceOf(ContractError);
    expect((error as ContractError).message).toBe('library.info failed');
    expect(shown('pt-BR', error as ContractError)).toMatch(
      /^library\.info falhou sem dizer por quê\. Tente de novo/,
    );
    expect(shown('en', error as ContractError)).toMatch(
      /^library\.info failed without saying why\. Try again/,
    );
  });
});
