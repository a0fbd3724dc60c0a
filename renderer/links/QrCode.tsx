import { useMemo } from 'react';
import QRCode from 'qrcode';
import { moduleRuns } from './qr-runs';

const QUIET = 4;

/**
 * A link as a QR code, drawn as SVG rects (no canvas, no injected markup):
 * dark on white in both themes, since that is what cameras read. Says so when
 * the text is too long for one.
 */
export function QrCode({ text, label }: { text: string; label: string }) {
  const code = useMemo(() => {
    try {
      const { modules } = QRCode.create(text, { errorCorrectionLevel: 'L' });
      return { size: modules.size, runs: moduleRuns(modules) };
    } catch {
      return undefined;
    }
  }, [text]);
  if (!code) return <p className="field-help">This link is too long for a QR code.</p>;
  const side = code.size + QUIET * 2;
  return (
    // At least 3 px a module: a long signed link makes a dense code.
    <svg
      className="qr-code"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${side} ${side}`}
      width={Math.max(160, side * 3)}
      height={Math.max(160, side * 3)}
      shapeRendering="crispEdges"
    >
      <rect width={side} height={side} fill="#ffffff" />
      {code.runs.map((run) => (
        <rect key={`${run.x}-${run.y}`} x={run.x + QUIET} y={run.y + QUIET} width={run.width} height={1} fill="#000000" />
      ))}
    </svg>
  );
}
