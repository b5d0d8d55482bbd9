/**
 * The full-size photo, fitted to the area at first; wheel or +/− zooms around the
 * pointer, dragging pans, double-click toggles between fit and 1:1, 0 fits again.
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

  // A new photo (or a resized window) starts fitted.
  useEffect(() => {
    setView(null);
    setLoaded(false);
  }, [props.src]);

  const current = view ?? fit();

  const zoomAt = useCallback(
    (factor: number, cx: number, cy: number) => {
      setView((old) => {
        const base = old ?? fit();
        const scale = clampScale(base.scale * factor);
        const k = scale / base.scale;
        return { scale, x: cx - (cx - base.x) * k, y: cy - (cy - base.y) * k };
      });
    },
    [fit],
  );

  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, select, textarea')) return;
      if (event.key === '+' || event.key === '=') zoomAt(1.25, size.w / 2, size.h / 2);
      else if (event.key === '-' || event.key === '_') zoomAt(0.8, size.w / 2, size.h / 2);
      else if (event.key === '0') setView(null);
      else return;
      event.preventDefault();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [zoomAt, size]);

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
  const isFitted = view === null;

  return (
    <div className="zoom">
      <div
        ref={area}
        className="zoom__area"
        data-testid="zoom-area"
        onPointerDown={(event) => {
          event.currentTarget.setPointerCapture(event.pointerId);
          drag.current = { x: event.clientX, y: event.clientY, vx: current.x, vy: current.y };
        }}
        onPointerMove={(event) => {
          const start = drag.current;
          if (!start) return;
          setView({
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
            setView(null);
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
          onClick={() => setView(null)}
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
    </div>
  );
}
