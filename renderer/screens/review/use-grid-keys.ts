import { useEffect, useRef } from 'react';

/** Whether a key event belongs to a text field (then it types, it does not review). */
export function isTypingTarget(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element || typeof element.closest !== 'function') return false;
  return element.closest('input, textarea, select, [contenteditable="true"]') !== null;
}

/** Binds one keydown handler to the window while `enabled`; the latest handler is used. */
export function useWindowKeys(enabled: boolean, handler: (event: KeyboardEvent) => void): void {
  const latest = useRef(handler);
  useEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    if (!enabled) return;
    function onKey(event: KeyboardEvent) {
      if (event.defaultPrevented || isTypingTarget(event.target)) return;
      latest.current(event);
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}

/** The label index (0-based) a key stands for: 1..9 on the main row or the keypad. */
export function labelIndexOfKey(event: KeyboardEvent): number | null {
  const match = /^(?:Digit|Numpad)([1-9])$/.exec(event.code);
  if (match?.[1]) return Number(match[1]) - 1;
  if (/^[1-9]$/.test(event.key)) return Number(event.key) - 1;
  return null;
}
