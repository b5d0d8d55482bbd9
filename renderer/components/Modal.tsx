import { useEffect, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.js';

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A dialog over the screen; Esc or the close button dismisses it and focus returns after.
 * Tab and Shift+Tab cycle inside it: focus never escapes to controls hidden behind it.
 */
export function Modal(props: {
  title: string;
  onClose: () => void;
  children: ReactNode;
  wide?: boolean;
  testId?: string;
  /** Selector of the element focused first (default: the dialog itself). */
  initialFocus?: string;
}) {
  const { t } = useI18n();
  const dialog = useRef<HTMLDivElement>(null);
  const { onClose, initialFocus } = props;
  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    const first = initialFocus ? dialog.current?.querySelector<HTMLElement>(initialFocus) : null;
    (first ?? dialog.current)?.focus();
    function onKey(event: KeyboardEvent) {
      if (event.key === 'Escape') {
        event.stopPropagation();
        onClose();
      } else if (event.key === 'Tab' && dialog.current) {
        trapTab(dialog.current, event);
      }
    }
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      previous?.focus();
    };
  }, [onClose, initialFocus]);
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={dialog}
        className={`modal ${props.wide ? 'modal--wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-label={props.title}
        tabIndex={-1}
        data-testid={props.testId}
      >
        <header className="modal__head">
          <h2>{props.title}</h2>
          <button type="button" className="btn btn--ghost" onClick={props.onClose}>
            {t('action.close')} <kbd>Esc</kbd>
          </button>
        </header>
        <div className="modal__body">{props.children}</div>
      </div>
    </div>
  );
}

/** Keeps Tab inside `container`: from the last focusable to the first, and back. */
export function trapTab(container: HTMLElement, event: KeyboardEvent): void {
  const focusable = [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (element) => element.offsetParent !== null,
  );
  const first = focusable[0];
  const last = focusable[focusable.length - 1];
  if (!first || !last) {
    event.preventDefault();
    container.focus();
    return;
  }
  const active = document.activeElement;
  const inside = active instanceof Node && container.contains(active);
  if (event.shiftKey && (active === first || active === container || !inside)) {
    event.preventDefault();
    last.focus();
  } else if (!event.shiftKey && (active === last || !inside)) {
    event.preventDefault();
    first.focus();
  }
}
