import type { KeyboardEvent, PointerEvent } from 'react';
import { INSPECTOR_MAX_WIDTH, INSPECTOR_MIN_WIDTH } from '../stores/inspector';

const clamp = (width: number) => Math.round(Math.max(INSPECTOR_MIN_WIDTH, Math.min(INSPECTOR_MAX_WIDTH, width)));

/** Props of {@link InspectorResizer}. */
export interface InspectorResizerProps {
  width: number;
  onResize(width: number): void;
}

/**
 * The inspector's left edge: drag it, or focus it and press the arrow keys
 * (Home and End for the narrowest and widest), to change the panel's width.
 */
export function InspectorResizer({ width, onResize }: InspectorResizerProps) {
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    if (event.button !== 0) return;
    event.preventDefault();
    const handle = event.currentTarget;
    handle.setPointerCapture(event.pointerId);
    const startX = event.clientX;
    const startWidth = width;
    const onMove = (move: globalThis.PointerEvent) => onResize(clamp(startWidth + startX - move.clientX));
    const onUp = () => {
      handle.removeEventListener('pointermove', onMove);
      handle.removeEventListener('pointerup', onUp);
      handle.removeEventListener('pointercancel', onUp);
    };
    handle.addEventListener('pointermove', onMove);
    handle.addEventListener('pointerup', onUp);
    handle.addEventListener('pointercancel', onUp);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? 80 : 20;
    const next: Record<string, number> = {
      ArrowLeft: width + step,
      ArrowRight: width - step,
      Home: INSPECTOR_MIN_WIDTH,
      End: INSPECTOR_MAX_WIDTH,
    };
    if (!(event.key in next)) return;
    event.preventDefault();
    onResize(clamp(next[event.key]!));
  };

  return (
    <div
      className="inspector-resizer"
      role="separator"
      aria-orientation="vertical"
      aria-label="Resize inspector"
      aria-valuemin={INSPECTOR_MIN_WIDTH}
      aria-valuemax={INSPECTOR_MAX_WIDTH}
      aria-valuenow={width}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  );
}
