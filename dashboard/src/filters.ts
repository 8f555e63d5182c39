// The task list's filters, search and order: sent to the server (GET /api/tasks answers them), and applied here only
// to tasks that live events bring, with the server's rules, to tell whether such a task belongs to the list.

import { FINAL_STATUSES, PRIORITIES, type Task, type TaskStatus, type Priority } from './types';

export interface TaskFilter {
  /** Words that must all appear in the id, name, description, agent, capabilities or labels. */
  search: string;
  /** One status, 'OPEN' (not final) or '' (any). */
  status: TaskStatus | 'OPEN' | '';
  priority: Priority | '';
  /** An agent id, 'none' (unassigned) or '' (any). */
  agent: string;
  /** Oldest first (the API's default) or newest first. */
  order: 'oldest' | 'newest';
}

export const NO_FILTER: TaskFilter = { search: '', status: '', priority: '', agent: '', order: 'oldest' };

/** Whether a filter narrows the list (the order does not). */
export function narrows(filter: TaskFilter): boolean {
  return !!(filter.search.trim() || filter.status || filter.priority || filter.agent);
}

/** The query of GET /api/tasks for a filter (docs/task-api.md). */
export function query(filter: TaskFilter, limit: number, cursor?: string | null, counts = false): string {
  const params = new URLSearchParams();
  if (filter.status) params.set('status', filter.status);
  if (filter.priority) params.set('priority', filter.priority);
  if (filter.agent === 'none') params.set('assigned', 'false');
  else if (filter.agent) params.set('agent', filter.agent);
  const words = filter.search.trim().split(/\s+/).filter(Boolean);
  if (words.length > 0) params.set('q', words.join(' '));
  if (filter.order === 'newest') params.set('order', 'newest');
  params.set('limit', String(limit));
  if (cursor) params.set('cursor', cursor);
  if (counts) params.set('counts', 'true');
  return params.toString();
}

/** The server's rules (TaskQuery): every word in the id, name, description, agent, status, priority, capabilities or labels. */
export function matches(task: Task, filter: TaskFilter): boolean {
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

export function isPriority(value: string): value is Priority {
  return (PRIORITIES as readonly string[]).includes(value);
}
