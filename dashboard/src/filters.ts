// The task list's filters and search, and its order.

import { FINAL_STATUSES, PRIORITIES, type Agent, type Task, type TaskStatus, type Priority } from './types';

export interface TaskFilter {
  /** Words that must all appear in the id, name, description, agent, capabilities or labels. */
  search: string;
  /** One status, 'OPEN' (not final) or '' (any). */
  status: TaskStatus | 'OPEN' | '';
  priority: Priority | '';
  /** An agent id, 'none' (unassigned) or '' (any). */
  agent: string;
}

export const NO_FILTER: TaskFilter = { search: '', status: '', priority: '', agent: '' };

export function matches(task: Task, filter: TaskFilter, agents: Record<string, Agent> = {}): boolean {
  if (filter.status === 'OPEN' ? FINAL_STATUSES.has(task.status) : filter.status && task.status !== filter.status) {
    return false;
  }
  if (filter.priority && task.priority !== filter.priority) {
    return false;
  }
  if (filter.agent === 'none' ? task.agent : filter.agent && task.agent !== filter.agent) {
    return false;
  }
  const words = filter.search.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) {
    return true;
  }
  const haystack = [
    task.id,
    task.name,
    task.description,
    task.agent,
    task.agent ? agents[task.agent]?.name : null,
    task.status,
    task.priority,
    ...(task.requiredCapabilities ?? []),
    ...(task.preferredCapabilities ?? []),
    ...Object.entries(task.labels ?? {}).map(([k, v]) => `${k}:${v}`),
  ]
    .filter(Boolean)
    .join(' ')
    .toLowerCase();
  return words.every((word) => haystack.includes(word));
}

/** Oldest first, as the API lists them; ties by id. */
export function compareTasks(a: Task, b: Task): number {
  const byCreation = (a.createdAt ?? '').localeCompare(b.createdAt ?? '');
  return byCreation !== 0 ? byCreation : a.id.localeCompare(b.id, undefined, { numeric: true });
}

export function filterTasks(tasks: Iterable<Task>, filter: TaskFilter, agents: Record<string, Agent> = {}): Task[] {
  return [...tasks].filter((t) => matches(t, filter, agents)).sort(compareTasks);
}

export function isPriority(value: string): value is Priority {
  return (PRIORITIES as readonly string[]).includes(value);
}
