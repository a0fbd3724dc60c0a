import { formatRate } from '../../shared/sizes';
import { useTransfersStore } from '../stores/transfers';
import { formatDuration } from './transfer-words';
import { graphPoints, graphScale, graphSpanMs } from './throughput';

const WIDTH = 200;
const HEIGHT = 36;

/**
 * The overall rate over the last minute as a small line graph under the
 * label "Throughput", with its axes: the rate scale (0 to a round top such
 * as "2 MiB/s") and the time it spans ("30 s ago" to "now"). Its name says
 * the rate now and the peak.
 */
export function ThroughputGraph() {
  const samples = useTransfersStore((state) => state.samples);
  const now = samples.length ? samples[samples.length - 1].rate : 0;
  const peak = samples.reduce((max, s) => Math.max(max, s.rate), 0);
  const top = graphScale(peak);
  const span = formatDuration(graphSpanMs(samples) / 1000);
  const line = graphPoints(samples, WIDTH, HEIGHT, top);
  const first = line.split(' ')[0]?.split(',')[0] ?? '0';
  return (
    <figure className="throughput" aria-labelledby="throughput-caption">
      <figcaption className="throughput-caption">
        <span id="throughput-caption">Throughput</span>
        <span className="throughput-now">{formatRate(now)}</span>
      </figcaption>
      <div className="throughput-plot">
        <div className="throughput-rate-axis" aria-hidden="true">
          <span>{formatRate(top)}</span>
          <span>0</span>
        </div>
        <svg
          className="throughput-graph"
          role="img"
          aria-label={`Throughput over the last ${span}: ${formatRate(now)} now, ${formatRate(peak)} at most (scale 0 to ${formatRate(top)})`}
          viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
          width={WIDTH}
          height={HEIGHT}
          preserveAspectRatio="none"
        >
          <line className="throughput-grid" x1="0" y1={HEIGHT / 2} x2={WIDTH} y2={HEIGHT / 2} />
          {line && (
            <>
              <polygon className="throughput-area" points={`${first},${HEIGHT} ${line} ${WIDTH},${HEIGHT}`} />
              <polyline className="throughput-line" points={line} />
            </>
          )}
        </svg>
      </div>
      <div className="throughput-time-axis" aria-hidden="true">
        <span>{span} ago</span>
        <span>now</span>
      </div>
    </figure>
  );
}
