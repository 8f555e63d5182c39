// A task's SLA deadline and its countdown, as sla-monitor-service counts them by default: the task's own dueAt, else
// its creation plus its priority's budget (P0 1 hour, P1 24 hours, P2 1 week, P3 none); at risk after 80 % of it.
// A deadline the monitor reported (GET /api/sla, task:sla-warning) wins over the page's own reckoning.

import type { Priority, SlaEntry, Task } from './types';

const HOUR = 3_600_000;
export const BUDGETS: Record<Priority, number | null> = { P0: HOUR, P1: 24 * HOUR, P2: 7 * 24 * HOUR, P3: null };
export const WARN_AT = 0.8;

export interface Countdown {
  /** 'none': no deadline; 'met'/'missed': the task finished before/after it. */
  state: 'none' | 'ok' | 'at-risk' | 'violated' | 'met' | 'missed' | 'stopped';
  text: string;
  deadline: Date | null;
  /** Milliseconds left (negative once past), null without a deadline. */
  remaining: number | null;
}

export function deadlineOf(task: Task, reported?: SlaEntry): Date | null {
  if (reported?.deadline) {
    return new Date(reported.deadline);
  }
  if (task.dueAt) {
    return new Date(task.dueAt);
  }
  const budget = BUDGETS[task.priority];
  if (budget == null || !task.createdAt) {
    return null;
  }
  return new Date(Date.parse(task.createdAt) + budget);
}

export function countdown(task: Task, now: number, reported?: SlaEntry): Countdown {
  const deadline = deadlineOf(task, reported);
  if (!deadline) {
    return { state: 'none', text: 'no SLA', deadline: null, remaining: null };
  }
  const end = task.completedAt ?? task.failedAt ?? task.cancelledAt;
  if (task.status === 'COMPLETED' && end) {
    const met = Date.parse(end) <= deadline.getTime();
    return { state: met ? 'met' : 'missed', text: met ? 'SLA met' : 'SLA missed', deadline, remaining: null };
  }
  if (task.status === 'FAILED' || task.status === 'CANCELLED') {
    return { state: 'stopped', text: 'SLA stopped', deadline, remaining: null };
  }
  const remaining = deadline.getTime() - now;
  if (remaining <= 0 || reported?.violated) {
    return { state: 'violated', text: `overdue by ${duration(-remaining)}`, deadline, remaining };
  }
  const budget = task.dueAt || !task.createdAt ? null : BUDGETS[task.priority];
  const warnFrom = budget != null ? budget - budget * WARN_AT : null;
  const atRisk = !!reported || (warnFrom != null && remaining <= warnFrom);
  return { state: atRisk ? 'at-risk' : 'ok', text: `${duration(remaining)} left`, deadline, remaining };
}

/** A short human duration: "45s", "12m 05s", "3h 20m", "6d 4h". */
export function duration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const d = Math.floor(s / 86400);
  const h = Math.floor((s % 86400) / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${String(m).padStart(2, '0')}m`;
  if (m > 0) return `${m}m ${String(sec).padStart(2, '0')}s`;
  return `${sec}s`;
}
