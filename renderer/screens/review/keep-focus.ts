import type { MouseEvent } from 'react';

/**
 * For decision buttons clicked with the mouse: the click must not move the keyboard
 * focus onto the button, or the next Space would press that button again instead of
 * accepting the model's label.
 */
export function keepFocus(event: MouseEvent): void {
  event.preventDefault();
}
