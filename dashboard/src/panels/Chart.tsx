import { CHART_WINDOW_MS, type Sample } from '../state';
import { useNow } from './useNow';

/**
 * Queue depth (pending tasks) and running tasks as lines, finished tasks per sample as bars, over the last 15
 * minutes. A few lines of SVG: a chart library would weigh more than the rest of the page together.
 */
export function Chart({ samples: points, queued, running }: { samples: Sample[]; queued: number; running: number }) {
  const W = 320;
  const H = 120;
  const pad = 18;
  const now = useNow(5000);
  // The last point is now, from the current state, so the lines end where the cards are.
  const samples = [...points.filter((s) => s.at < now), { at: now, queued, running, completed: 0, failed: 0 }];
  const x = (at: number) => pad + ((at - (now - CHART_WINDOW_MS)) / CHART_WINDOW_MS) * (W - pad - 4);
  const top = Math.max(4, ...samples.map((s) => Math.max(s.queued, s.running, s.completed + s.failed)));
  const y = (v: number) => H - pad - (v / top) * (H - pad - 6);
  const line = (pick: (s: Sample) => number) => samples.map((s, i) => `${i ? 'L' : 'M'}${x(s.at).toFixed(1)},${y(pick(s)).toFixed(1)}`).join(' ');
  const finished = samples.reduce((n, s) => n + s.completed, 0);
  return (
    <section className="panel" aria-label="Queue and throughput">
      <div className="panel-head">
        <h2>Queue &amp; throughput</h2>
        <span className="count">last 15 min</span>
      </div>
      <svg viewBox={`0 0 ${W} ${H}`} className="chart" role="img" aria-label={`Queue depth ${queued}, ${finished} completed in the last 15 minutes`}>
        <line x1={pad} x2={W - 4} y1={H - pad} y2={H - pad} className="axis" />
        <text x={pad - 4} y={y(top) + 4} className="tick" textAnchor="end">
          {top}
        </text>
        <text x={pad - 4} y={H - pad + 3} className="tick" textAnchor="end">
          0
        </text>
        {[15, 10, 5].map((m) => (
          <text key={m} x={x(now - m * 60000)} y={H - 4} className="tick" textAnchor="middle">
            −{m}m
          </text>
        ))}
        <text x={W - 4} y={H - 4} className="tick" textAnchor="end">
          now
        </text>
        {samples.map((s) =>
          s.completed + s.failed > 0 ? (
            <g key={s.at}>
              <rect x={x(s.at) - 1} width={2} y={y(s.completed)} height={H - pad - y(s.completed)} className="bar-done" />
              {s.failed > 0 && <rect x={x(s.at) - 1} width={2} y={y(s.completed + s.failed)} height={y(s.completed) - y(s.completed + s.failed)} className="bar-failed" />}
            </g>
          ) : null,
        )}
        {samples.length > 1 && <path d={line((s) => s.running)} className="line-running" />}
        {samples.length > 1 && <path d={line((s) => s.queued)} className="line-queued" />}
      </svg>
      <div className="legend">
        <span className="lg-queued">queue {queued}</span>
        <span className="lg-running">running {running}</span>
        <span className="lg-done">{finished} completed in 15 min</span>
      </div>
    </section>
  );
}
