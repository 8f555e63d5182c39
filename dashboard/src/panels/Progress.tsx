import type { TaskStatus } from '../types';

export function Progress({ value, status }: { value: number; status: TaskStatus }) {
  return (
    <span className="progress-row">
      <span className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={value} data-testid="progress">
        <span className={`progress-fill fill-${status}`} style={{ width: `${value}%` }} />
      </span>
      <span className="progress-text">{value}%</span>
    </span>
  );
}
