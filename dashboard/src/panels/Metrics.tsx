import { metrics } from '../state';
import type { TaskFilter } from '../filters';

export function Metrics({ figures, loaded, onPick }: { figures: ReturnType<typeof metrics>; loaded: boolean; onPick: (status: TaskFilter['status']) => void }) {
  const card = (key: string, name: string, value: number, tone: string, sub?: string, status?: TaskFilter['status']) => (
    <button key={key} className={`metric metric-${tone}`} data-testid={`metric-${key}`} onClick={() => status !== undefined && onPick(status)} disabled={status === undefined}>
      <span className="metric-value">{loaded ? value : '–'}</span>
      <span className="metric-name">{name}</span>
      {sub && <span className="metric-sub">{sub}</span>}
    </button>
  );
  return (
    <section className="metrics" aria-label="Metrics">
      {card('total', 'Total tasks', figures.total, 'plain', undefined, '')}
      {card('pending', 'Pending', figures.pending, 'pending', undefined, 'PENDING')}
      {card('in-progress', 'In progress', figures.inProgress, 'progress', figures.assigned ? `+ ${figures.assigned} assigned` : undefined, 'IN_PROGRESS')}
      {card('completed', 'Completed', figures.completed, 'good', undefined, 'COMPLETED')}
      {card('failed', 'Failed', figures.failed, 'bad', undefined, 'FAILED')}
      {card('agents', 'Active agents', figures.activeAgents, 'plain', `${figures.workingAgents} working · ${figures.agents} known`)}
      {card('sla', 'SLA at risk', figures.slaAtRisk, figures.slaViolated ? 'bad' : figures.slaAtRisk ? 'warn' : 'plain', figures.slaViolated ? `${figures.slaViolated} overdue` : undefined)}
    </section>
  );
}
