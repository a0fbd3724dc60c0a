import { formatRate, graphPoints } from './transfer-words';
import { useTransfersStore } from '../stores/transfers';

const WIDTH = 200;
const HEIGHT = 36;

/** The overall rate over the last minute as a small line graph, with the rate now and the peak in its name. */
export function ThroughputGraph() {
  const samples = useTransfersStore((state) => state.samples);
  const now = samples.length ? samples[samples.length - 1].rate : 0;
  const peak = samples.reduce((max, s) => Math.max(max, s.rate), 0);
  const line = graphPoints(samples, WIDTH, HEIGHT);
  const first = line.split(' ')[0]?.split(',')[0] ?? '0';
  return (
    <div className="throughput">
      <svg
        className="throughput-graph"
        role="img"
        aria-label={`Throughput over the last minute: ${formatRate(now)} now, ${formatRate(peak)} at most`}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width={WIDTH}
        height={HEIGHT}
        preserveAspectRatio="none"
      >
        {line && (
          <>
            <polygon className="throughput-area" points={`${first},${HEIGHT} ${line} ${WIDTH},${HEIGHT}`} />
            <polyline className="throughput-line" points={line} />
          </>
        )}
      </svg>
      <span className="throughput-now" aria-hidden="true">
        {formatRate(now)}
      </span>
    </div>
  );
}
