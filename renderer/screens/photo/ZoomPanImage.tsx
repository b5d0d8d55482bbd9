/**
 * The full-size photo, fitted to the area at first; wheel or +/− zooms around the
 * pointer, dragging pans, double-click toggles between fit and 1:1, 0 fits again.
 * Zoomed in, the arrows pan (Page Up / Page Down change photo).
 *
 * Zoom and the display adjustments (brightness, contrast: for the many nearly black tube
 * photos) are kept across photos for this window, as in Lightroom. They change how the
 * photo is drawn, never the original.
 */
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useI18n } from '../../i18n/i18n.js';
import { keepFocus } from '../review/keep-focus.js';

interface View {
  scale: number;
  x: number;
  y: number;
}

const MIN_SCALE = 0.05;
const MAX_SCALE = 16;

function clampScale(scale: number): number {
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

/** Zoom kept for the next photo: its level (as Lightroom keeps 1:1), and the image point at the centre. */
interface ZoomMemory {
  scale: number;
  fx: number;
  fy: number;
}

export interface DisplayAdjust {
  brightness: number;
  contrast: number;
}

const NEUTRAL: DisplayAdjust = { brightness: 1, contrast: 1 };
const ADJUST_STEP = 0.25;
const ADJUST_MAX = 4;
/** Arrow pan: this share of the visible area per press (Shift: a whole screen). */
const PAN_STEP = 0.15;

/** This window's photo display, kept while it lives (the view is rebuilt per photo). */
const remembered: { zoom: ZoomMemory | null; adjust: DisplayAdjust } = {
  zoom: null,
  adjust: NEUTRAL,
};

/** A CSS filter for the adjustments (display only). */
export function filterOf(adjust: DisplayAdjust): string | undefined {
  if (adjust.brightness === 1 && adjust.contrast === 1) return undefined;
  return `brightness(${adjust.brightness}) contrast(${adjust.contrast})`;
}

export function ZoomPanImage(props: {
  src: string;
  /** Shown (blurred up) until the original arrives. */
  placeholder?: string;
  width: number;
  height: number;
  alt: string;
}) {
  const { t, format } = useI18n();
  const area = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ w: 0, h: 0 });
  const [view, setView] = useState<View | null>(null);
  const [loaded, setLoaded] = useState(false);
  const drag = useRef<{ x: number; y: number; vx: number; vy: number } | null>(null);

  useLayoutEffect(() => {
    const element = area.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry) setSize({ w: entry.contentRect.width, h: entry.contentRect.height });
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

  const fit = useCallback((): View => {
    const scale = clampScale(Math.min(size.w / props.width, size.h / props.height) || 1);
    return {
      scale,
      x: (size.w - props.width * scale) / 2,
      y: (size.h - props.height * scale) / 2,
    };
  }, [size, props.width, props.height]);

  // The remembered zoom applied to this photo (fit when none).
  const initial = useCallback((): View => {
    const fitted = fit();
    const memory = remembered.zoom;
    if (!memory) return fitted;
    const scale = clampScale(memory.scale);
    return {
      scale,
      x: size.w / 2 - memory.fx * props.width * scale,
      y: size.h / 2 - memory.fy * props.height * scale,
    };
  }, [fit, size, props.width, props.height]);

  // A new photo starts with the zoom the last one had.
  useEffect(() => {
    setView(null);
    setLoaded(false);
  }, [props.src]);

  const current = view ?? initial();
  const [adjust, setAdjustState] = useState<DisplayAdjust>(remembered.adjust);
  const setAdjust = useCallback((change: (old: DisplayAdjust) => DisplayAdjust) => {
    setAdjustState((old) => {
      const next = change(old);
      remembered.adjust = next;
      return next;
    });
  }, []);

  /** Shows `next` and remembers it for the next photo (null: fit). */
  const show = useCallback(
    (next: View | null) => {
      setView(next);
      if (!next) {
        remembered.zoom = null;
        return;
      }
      remembered.zoom = {
        scale: next.scale,
        fx: (size.w / 2 - next.x) / (props.width * next.scale),
        fy: (size.h / 2 - next.y) / (props.height * next.scale),
      };
    },
    [size, props.width, props.height],
  );

  const zoomAt = useCallback(
    (factor: number, cx: number, cy: number) => {
      const scale = clampScale(current.scale * factor);
      const k = scale / current.scale;
      show({ scale, x: cx - (cx - current.x) * k, y: cy - (cy - current.y) * k });
    },
    [current, show],
  );

  const zoomed =
    props.width * current.scale > size.w + 1 || props.height * current.scale > size.h + 1;

  // Capture phase: a zoomed photo takes the arrows before the review keys, which would
  // change photo.
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, select, textarea')) return;
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const step = (event.shiftKey ? 1 : PAN_STEP) * Math.min(size.w, size.h);
      const pan: Record<string, [number, number]> = {
        ArrowLeft: [step, 0],
        ArrowRight: [-step, 0],
        ArrowUp: [0, step],
        ArrowDown: [0, -step],
      };
      const move = pan[event.key];
      if (move) {
        if (!zoomed) return;
        show({ scale: current.scale, x: current.x + move[0], y: current.y + move[1] });
      } else if (event.key === '+' || event.key === '=') zoomAt(1.25, size.w / 2, size.h / 2);
      else if (event.key === '-' || event.key === '_') zoomAt(0.8, size.w / 2, size.h / 2);
      else if (event.key === '0') show(null);
      else return;
      event.preventDefault();
    }
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [zoomAt, size, zoomed, current, show]);

  // React's onWheel is passive; a native listener may preventDefault the page scroll.
  useEffect(() => {
    const element = area.current;
    if (!element) return;
    function onWheel(event: WheelEvent) {
      event.preventDefault();
      const rect = (event.currentTarget as HTMLElement).getBoundingClientRect();
      zoomAt(Math.exp(-event.deltaY * 0.0015), event.clientX - rect.left, event.clientY - rect.top);
    }
    element.addEventListener('wheel', onWheel, { passive: false });
    return () => element.removeEventListener('wheel', onWheel);
  }, [zoomAt]);

  const fitted = fit();
  const isFitted = Math.abs(current.scale - fitted.scale) < 1e-6 && view === null;
  const filter = filterOf(adjust);
  const stepAdjust = (key: keyof DisplayAdjust, by: number) =>
    setAdjust((old) => ({
      ...old,
      [key]: Math.min(ADJUST_MAX, Math.max(ADJUST_STEP, Math.round((old[key] + by) * 100) / 100)),
    }));

  return (
    <div className="zoom">
      <div
        ref={area}
        className="zoom__area"
        data-testid="zoom-area"
        data-zoomed={zoomed}
        data-view={`${current.scale.toFixed(4)},${Math.round(current.x)},${Math.round(current.y)}`}
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture(event.pointerId);
          drag.current = { x: event.clientX, y: event.clientY, vx: current.x, vy: current.y };
        }}
        onPointerMove={(event) => {
          const start = drag.current;
          if (!start) return;
          show({
            scale: current.scale,
            x: start.vx + event.clientX - start.x,
            y: start.vy + event.clientY - start.y,
          });
        }}
        onPointerUp={() => {
          drag.current = null;
        }}
        onDoubleClick={(event) => {
          if (!isFitted) {
            show(null);
            return;
          }
          const rect = event.currentTarget.getBoundingClientRect();
          zoomAt(1 / fitted.scale, event.clientX - rect.left, event.clientY - rect.top);
        }}
      >
        {props.placeholder && !loaded && (
          <img
            className="zoom__img zoom__img--placeholder"
            src={props.placeholder}
            alt=""
            draggable={false}
            style={{
              width: props.width * current.scale,
              height: props.height * current.scale,
              transform: `translate(${current.x}px, ${current.y}px)`,
              filter,
            }}
          />
        )}
        <img
          className="zoom__img"
          src={props.src}
          alt={props.alt}
          draggable={false}
          onLoad={() => setLoaded(true)}
          data-testid="photo-original"
          style={{
            width: props.width * current.scale,
            height: props.height * current.scale,
            transform: `translate(${current.x}px, ${current.y}px)`,
            opacity: loaded ? 1 : 0,
            filter,
          }}
        />
      </div>
      <div className="zoom__tools" role="toolbar" aria-label={t('photo.zoom')}>
        <button
          type="button"
          className="btn btn--small"
          onMouseDown={keepFocus}
          onClick={() => zoomAt(0.8, size.w / 2, size.h / 2)}
          aria-label={t('photo.zoomOut')}
        >
          −
        </button>
        <span className="zoom__scale" data-testid="zoom-scale">
          {format.percent(current.scale)}
        </span>
        <button
          type="button"
          className="btn btn--small"
          onMouseDown={keepFocus}
          onClick={() => zoomAt(1.25, size.w / 2, size.h / 2)}
          aria-label={t('photo.zoomIn')}
        >
          +
        </button>
        <button
          type="button"
          className="btn btn--small"
          onMouseDown={keepFocus}
          onClick={() => show(null)}
          disabled={isFitted}
        >
          {t('photo.fit')}
        </button>
        <button
          type="button"
          className="btn btn--small"
          onMouseDown={keepFocus}
          onClick={() => zoomAt(1 / current.scale, size.w / 2, size.h / 2)}
        >
          1:1
        </button>
      </div>
      <div
        className="zoom__tools zoom__tools--adjust"
        role="toolbar"
        aria-label={t('photo.adjust')}
        data-testid="photo-adjust"
      >
        {(['brightness', 'contrast'] as const).map((key) => (
          <span key={key} className="zoom__adjust">
            <span className="zoom__adjust-name">{t(`photo.${key}`)}</span>
            <button
              type="button"
              className="btn btn--small"
              onMouseDown={keepFocus}
              onClick={() => stepAdjust(key, -ADJUST_STEP)}
              aria-label={t(`photo.${key}Less`)}
            >
              −
            </button>
            <span className="zoom__scale" data-testid={`photo-${key}`}>
              {format.percent(adjust[key])}
            </span>
            <button
              type="button"
              className="btn btn--small"
              onMouseDown={keepFocus}
              onClick={() => stepAdjust(key, ADJUST_STEP)}
              aria-label={t(`photo.${key}More`)}
            >
              +
            </button>
          </span>
        ))}
        <button
          type="button"
          className="btn btn--small"
          onMouseDown={keepFocus}
          onClick={() => setAdjust(() => NEUTRAL)}
          disabled={!filter}
        >
          {t('photo.adjustReset')}
        </button>
      </div>
    </div>
  );
}
