import { useEffect, useRef } from 'react';

const TEXT_INPUTS = new Set(['text', 'number', 'search', 'email', 'url', 'tel', 'password']);

/**
 * Whether a key event belongs to a field that takes typing or arrows (then it types, it
 * does not review). Checkboxes and buttons keep the review keys working after a click.
 */
export function isTypingTarget(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element || typeof element.closest !== 'function') return false;
  if (element.closest('textarea, select, [contenteditable="true"]')) return true;
  const input = element.closest('input');
  return input !== null && TEXT_INPUTS.has(input.type);
}

/** Whether Space and Enter belong to the focused control (a button, a checkbox). */
export function isControlTarget(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element || typeof element.closest !== 'function') return false;
  return element.closest('button, a[href], input, [role="button"]') !== null;
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
