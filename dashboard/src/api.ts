// The gateway's REST API, with the API key when the person gave one. Every failure is an ApiError with the
// gateway's own message, so the page can show it.

import { NO_FILTER, query, type TaskFilter } from './filters';
import type { Listing } from './state';
import type { A2aDispatch, Agent, AgentStatus, Counts, HistoryLine, Me, SlaEntry, Task } from './types';

/** Tasks per page of the list: the first paints fast however many tasks there are. */
export const PAGE_SIZE = 100;

const KEY = 'switchboard.apiKey';

export function apiKey(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
}

export function setApiKey(key: string | null): void {
  if (key) localStorage.setItem(KEY, key);
  else localStorage.removeItem(KEY);
}

/** What the person signed in with, as the gateway takes it: a JWT (three dot-separated parts) as a bearer token, else an API key. */
export function authHeaders(key: string | null): Record<string, string> {
  if (!key) return {};
  return /^[\w-]+\.[\w-]+\.[\w-]*$/.test(key) ? { Authorization: `Bearer ${key}` } : { 'X-API-Key': key };
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly field?: string,
    /** The request, for the person and for a bug report: "POST /api/tasks/T-1/assign". */
    readonly request?: string,
  ) {
    super(message);
  }
}

/** Set by the app: called on every 401, so that the sign-in box shows. */
export const authListeners = { onUnauthorized: (): void => {} };

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json', ...authHeaders(apiKey()) };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(0, `the gateway did not answer (${(e as Error).message})`, undefined, `${method} ${path}`);
  }
  const text = await response.text();
  let json: Record<string, unknown> | null = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    if (response.status === 401) authListeners.onUnauthorized();
    const error = (json?.error as string) ?? (json?.message as string) ?? `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, error, json?.field as string | undefined, `${method} ${path}`);
  }
  return json as T;
}

export async function me(): Promise<Me> {
  try {
    const answer = await call<{ principal: string; role: string; permissions: string[] }>('GET', '/api/auth/me');
    return { ...answer, authEnabled: true };
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) {
      // No authentication in this gateway (yet): everything is allowed.
      return {
        principal: 'anonymous',
        role: 'admin',
        permissions: ['task.read', 'task.write', 'task.assign', 'agent.write', 'system.config', 'audit.read'],
        authEnabled: false,
      };
    }
    throw e;
  }
}

/** One page of the task list for a filter; with `counts`, the server's counts of every task too. */
export async function listTasks(filter: TaskFilter, cursor?: string | null, counts = false): Promise<Listing> {
  const answer = await call<{ tasks: Task[]; total: number; nextCursor?: string | null; counts?: Counts }>(
    'GET',
    `/api/tasks?${query(filter, PAGE_SIZE, cursor, counts)}`,
  );
  return { tasks: answer.tasks, total: answer.total, nextCursor: answer.nextCursor ?? null, counts: answer.counts ?? null };
}

/** The server's counts of every task. */
export async function counts(): Promise<Counts> {
  return (await call<{ counts: Counts }>('GET', `/api/tasks?${query(NO_FILTER, 1, null, true)}`)).counts;
}

export async function agents(): Promise<Agent[]> {
  return (await call<{ agents: Agent[] }>('GET', '/api/agents')).agents;
}

export async function sla(): Promise<SlaEntry[]> {
  try {
    const answer = await call<{ atRisk: SlaEntry[]; violated: SlaEntry[] }>('GET', '/api/sla');
    return [...(answer.atRisk ?? []), ...(answer.violated ?? [])];
  } catch (e) {
    // The SLA monitor is optional for the rest of the page: its cards say it is unknown.
    if (e instanceof ApiError && (e.status === 503 || e.status === 504 || e.status === 404)) return [];
    throw e;
  }
}

export async function history(taskId: string): Promise<HistoryLine[]> {
  return (await call<{ history: HistoryLine[] }>('GET', `/api/tasks/${encodeURIComponent(taskId)}/history`)).history;
}

/** What the A2A agent says of a task sent to it; null when the task was never sent to one. */
export async function a2aDispatch(taskId: string): Promise<A2aDispatch | null> {
  try {
    return (await call<{ dispatch: A2aDispatch }>('GET', `/api/tasks/${encodeURIComponent(taskId)}/a2a`)).dispatch;
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  }
}

/** A person's answer to an A2A agent that waits for input on the task. */
export async function replyToA2a(taskId: string, text: string): Promise<A2aDispatch> {
  return (await call<{ dispatch: A2aDispatch }>('POST', `/api/tasks/${encodeURIComponent(taskId)}/a2a/reply`, { text })).dispatch;
}

export interface AssignAnswer {
  task: Task;
  agent: Agent | null;
  message?: string;
}

export async function assign(taskId: string, agentId?: string): Promise<AssignAnswer> {
  return call('POST', `/api/tasks/${encodeURIComponent(taskId)}/assign`, agentId ? { agentId } : {});
}

export interface NewTask {
  name: string;
  description?: string;
  priority: string;
  eta?: string;
  requiredCapabilities: string[];
  assignmentMode?: 'AUTO' | 'MANUAL' | null;
}

export async function createTask(task: NewTask): Promise<Task> {
  return (await call<{ task: Task }>('POST', '/api/tasks', task)).task;
}

export async function progress(taskId: string, value: number): Promise<Task> {
  return (await call<{ task: Task }>('PUT', `/api/tasks/${encodeURIComponent(taskId)}/progress`, { progress: value })).task;
}

export async function lifecycle(taskId: string, action: 'start' | 'complete' | 'cancel' | 'fail', reason?: string): Promise<Task> {
  const body = action === 'start' || action === 'complete' ? undefined : reason ? { reason } : {};
  return (await call<{ task: Task }>('POST', `/api/tasks/${encodeURIComponent(taskId)}/${action}`, body)).task;
}

export async function agentStatus(agentId: string, status: AgentStatus): Promise<Agent> {
  return (await call<{ agent: Agent }>('PUT', `/api/agents/${encodeURIComponent(agentId)}/status`, { status })).agent;
}

/** A webhook, Slack or email subscription to events (docs/notifications.md). */
export interface Subscription {
  id: string;
  name: string;
  channel: 'webhook' | 'slack' | 'email';
  url: string;
  events: string[];
  priority: string | null;
  capability: string | null;
  label: string | null;
  agent: string | null;
  createdBy: string;
  createdAt: string;
  deletedAt: string | null;
  secret?: string;
}

export interface NewSubscription {
  name: string;
  channel: Subscription['channel'];
  url: string;
  events: string[];
  priority?: string;
}

export interface ParkedDelivery {
  deliveryId: string;
  eventType: string;
  attempts: number;
  lastError: string;
  parkedAt: string;
}

export interface DeliveryAttempt {
  deliveryId: string;
  eventType: string;
  at: string;
  attempt: number;
  outcome: 'delivered' | 'failed' | 'parked';
  error: string | null;
}

const SUBSCRIPTIONS = '/api/notifications/subscriptions';

export async function deliveries(id: string): Promise<DeliveryAttempt[]> {
  return (await call<{ deliveries: DeliveryAttempt[] }>('GET', `${SUBSCRIPTIONS}/${encodeURIComponent(id)}/deliveries`)).deliveries;
}

export async function subscriptions(): Promise<Subscription[]> {
  return (await call<{ subscriptions: Subscription[] }>('GET', SUBSCRIPTIONS)).subscriptions;
}

export async function subscribe(subscription: NewSubscription): Promise<Subscription> {
  return (await call<{ subscription: Subscription }>('POST', SUBSCRIPTIONS, subscription)).subscription;
}

export async function unsubscribe(id: string): Promise<Subscription> {
  return (await call<{ subscription: Subscription }>('DELETE', `${SUBSCRIPTIONS}/${encodeURIComponent(id)}`)).subscription;
}

export async function parked(id: string): Promise<ParkedDelivery[]> {
  return (await call<{ parked: ParkedDelivery[] }>('GET', `${SUBSCRIPTIONS}/${encodeURIComponent(id)}/parked?limit=20`)).parked;
}

export async function replay(id: string, deliveryId: string): Promise<void> {
  await call('POST', `${SUBSCRIPTIONS}/${encodeURIComponent(id)}/parked/${encodeURIComponent(deliveryId)}/replay`);
}
