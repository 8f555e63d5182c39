// The page's state and the one reducer that changes it: a REST load, then the live events applied in order.
// Every task and agent carries its version, so a stale or repeated copy (a replay after a reconnect, an event that
// comes after the REST answer it caused) never goes back in time.

import { FINAL_STATUSES, type Agent, type Frame, type SlaEntry, type Task } from './types';

export interface FeedItem {
  id: string;
  event: string;
  time: string;
  text: string;
  tone: 'info' | 'good' | 'warn' | 'bad';
}

/** One point of the chart: tasks waiting and running at a time, and tasks finished since the point before. */
export interface Sample {
  at: number;
  queued: number;
  running: number;
  completed: number;
  failed: number;
}

export interface State {
  loaded: boolean;
  tasks: Record<string, Task>;
  agents: Record<string, Agent>;
  sla: Record<string, SlaEntry>;
  feed: FeedItem[];
  /** Frames received before the REST load finished: applied on top of it. */
  early: Frame[];
  /** Ids of the latest frames, to drop the ones a resume sends twice. */
  seen: string[];
  lastEventId: string | null;
  samples: Sample[];
  completedSinceSample: number;
  failedSinceSample: number;
}

export const FEED_LIMIT = 100;
export const SEEN_LIMIT = 2000;
/** The chart keeps this much history. */
export const CHART_WINDOW_MS = 15 * 60 * 1000;

export const initialState: State = {
  loaded: false,
  tasks: {},
  agents: {},
  sla: {},
  feed: [],
  early: [],
  seen: [],
  lastEventId: null,
  samples: [],
  completedSinceSample: 0,
  failedSinceSample: 0,
};

export type Action =
  | { type: 'loaded'; tasks: Task[]; agents: Agent[]; sla: SlaEntry[]; at?: number }
  | { type: 'frame'; frame: Frame }
  | { type: 'task'; task: Task }
  | { type: 'agent'; agent: Agent }
  | { type: 'sample'; at: number }
  | { type: 'reset' };

export function reducer(state: State, action: Action): State {
  switch (action.type) {
    case 'loaded': {
      let next: State = {
        ...state,
        loaded: true,
        tasks: byId(action.tasks, state.tasks),
        agents: byId(action.agents, state.agents),
        sla: Object.fromEntries(action.sla.map((e) => [e.taskId, e])),
        early: [],
        samples: state.samples.length === 0 && action.at !== undefined ? backfill(action.tasks, action.at) : state.samples,
      };
      for (const frame of state.early) {
        next = applyFrame(next, frame);
      }
      return next;
    }
    case 'frame':
      if (!state.loaded) {
        return { ...state, early: [...state.early, action.frame] };
      }
      return applyFrame(state, action.frame);
    case 'task':
      return withTask(state, action.task);
    case 'agent':
      return withAgent(state, action.agent);
    case 'sample': {
      const tasks = Object.values(state.tasks);
      const sample: Sample = {
        at: action.at,
        queued: tasks.filter((t) => t.status === 'PENDING').length,
        running: tasks.filter((t) => t.status === 'ASSIGNED' || t.status === 'IN_PROGRESS').length,
        completed: state.completedSinceSample,
        failed: state.failedSinceSample,
      };
      const samples = [...state.samples, sample].filter((s) => s.at > action.at - CHART_WINDOW_MS);
      return { ...state, samples, completedSinceSample: 0, failedSinceSample: 0 };
    }
    case 'reset':
      // A lagged client reloads everything: keep the chart and the feed, forget what the data was.
      return { ...initialState, feed: state.feed, samples: state.samples };
  }
}

export const SAMPLE_MS = 5000;

/**
 * The chart's points from before the page opened, rebuilt from the tasks' own times (created, assigned, finished):
 * a task was queued from its creation until it was assigned or finished, running from its assignment until it
 * finished. A task back in the queue after a failed attempt counts as queued since its creation: close enough for
 * a picture of the last minutes. Points up to, not including, `now`; the live ones follow.
 */
export function backfill(tasks: Task[], now: number): Sample[] {
  const ms = (iso?: string | null) => (iso ? Date.parse(iso) : NaN);
  const spans = tasks.map((t) => ({
    created: ms(t.createdAt),
    taken: t.status === 'PENDING' ? NaN : ms(t.assignedAt ?? t.startedAt),
    ended: ms(t.completedAt ?? t.failedAt ?? t.cancelledAt),
    completed: t.status === 'COMPLETED' ? ms(t.completedAt) : NaN,
    failed: t.status === 'FAILED' ? ms(t.failedAt) : NaN,
  }));
  const samples: Sample[] = [];
  for (let at = now - CHART_WINDOW_MS + SAMPLE_MS; at < now; at += SAMPLE_MS) {
    const sample: Sample = { at, queued: 0, running: 0, completed: 0, failed: 0 };
    for (const s of spans) {
      const ended = s.ended <= at;
      if (s.created <= at && !(s.taken <= at) && !ended) sample.queued++;
      if (s.taken <= at && !ended) sample.running++;
      if (s.completed <= at && s.completed > at - SAMPLE_MS) sample.completed++;
      if (s.failed <= at && s.failed > at - SAMPLE_MS) sample.failed++;
    }
    samples.push(sample);
  }
  return samples;
}

/** A newer copy replaces an older one; merge keeps fields a partial copy leaves out. */
function byId<T extends { id: string; version: number }>(items: T[], current: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const item of items) {
    const known = current[item.id];
    out[item.id] = known && known.version > item.version ? known : item;
  }
  return out;
}

function withTask(state: State, task: Task | undefined | null): State {
  if (!task || !task.id) {
    return state;
  }
  const known = state.tasks[task.id];
  if (known && known.version >= task.version) {
    return state;
  }
  const tasks = { ...state.tasks, [task.id]: known ? { ...known, ...task } : task };
  let sla = state.sla;
  if (FINAL_STATUSES.has(task.status) && sla[task.id]) {
    sla = { ...sla };
    delete sla[task.id];
  }
  return { ...state, tasks, sla };
}

function withAgent(state: State, agent: Agent | undefined | null): State {
  if (!agent || !agent.id) {
    return state;
  }
  const known = state.agents[agent.id];
  if (known && known.version >= agent.version) {
    return state;
  }
  return { ...state, agents: { ...state.agents, [agent.id]: known ? { ...known, ...agent } : agent } };
}

function applyFrame(state: State, frame: Frame): State {
  if (frame.id) {
    if (state.seen.includes(frame.id)) {
      return state;
    }
    const seen = state.seen.length >= SEEN_LIMIT ? state.seen.slice(-SEEN_LIMIT / 2) : state.seen;
    state = { ...state, seen: [...seen, frame.id], lastEventId: frame.id };
  }
  const data = frame.data ?? {};
  let next = state;
  switch (frame.event) {
    case 'task:created':
    case 'task:assigned':
    case 'task:updated':
    case 'task:cancelled':
      next = withTask(state, data.task);
      break;
    case 'task:completed':
      next = withTask(state, data.task);
      if (next !== state) {
        next = { ...next, completedSinceSample: next.completedSinceSample + 1 };
      }
      break;
    case 'task:failed':
      next = withTask(state, data.task);
      if (next !== state && data.task?.status === 'FAILED') {
        next = { ...next, failedSinceSample: next.failedSinceSample + 1 };
      }
      break;
    case 'task:sla-warning':
    case 'task:sla-violation': {
      const taskId: string | undefined = data.taskId ?? data.task?.id;
      const open = taskId && !FINAL_STATUSES.has((state.tasks[taskId] ?? data.task)?.status);
      if (taskId && open) {
        const violated = frame.event === 'task:sla-violation';
        next = { ...state, sla: { ...state.sla, [taskId]: { taskId, deadline: data.deadline, violated } } };
      }
      break;
    }
    case 'agent:registered':
    case 'agent:updated':
    case 'agent:overload':
      if (data.change === 'REMOVED' && data.agent?.id) {
        const agents = { ...state.agents };
        delete agents[data.agent.id];
        next = { ...state, agents };
      } else {
        next = withAgent(state, data.agent);
      }
      break;
    default:
      return state;
  }
  const item = describe(frame);
  if (!item) {
    return next;
  }
  return { ...next, feed: [item, ...next.feed].slice(0, FEED_LIMIT) };
}

/** The activity feed's line for an event, or null for the ones not worth a line (an agent's heartbeat). */
export function describe(frame: Frame): FeedItem | null {
  const d = frame.data ?? {};
  const task = d.task ? `${d.task.id} “${d.task.name}”` : d.taskId;
  const id = frame.id ?? `${frame.event}@${frame.time}`;
  const item = (text: string, tone: FeedItem['tone']): FeedItem => ({ id, event: frame.event, time: frame.time, text, tone });
  switch (frame.event) {
    case 'task:created':
      return item(`${task} created (${d.task?.priority})${d.imported ? ', imported' : ''}`, 'info');
    case 'task:assigned':
      return item(`${task} assigned to ${d.agent?.name ?? d.agent?.id ?? d.task?.agent}`, 'info');
    case 'task:updated':
      switch (d.change) {
        case 'PROGRESS':
          return item(`${task} at ${d.task?.progress}%`, 'info');
        case 'STARTED':
          return item(`${task} started`, 'info');
        case 'RETRY_SCHEDULED':
          return item(`${task} back in the queue for another attempt`, 'warn');
        case 'ASSIGNED':
        case 'COMPLETED':
        case 'FAILED':
        case 'CANCELLED':
          return null; // the event of its own says it
        default:
          return item(`${task} updated${d.change ? ` (${String(d.change).toLowerCase().replace(/_/g, ' ')})` : ''}`, 'info');
      }
    case 'task:completed':
      return item(`${task} completed`, 'good');
    case 'task:failed':
      return item(`${task} failed: ${d.reason ?? 'no reason given'}${d.willRetry ? ' (will retry)' : ''}`, 'bad');
    case 'task:cancelled':
      return item(`${task} cancelled${d.reason ? `: ${d.reason}` : ''}`, 'warn');
    case 'task:sla-warning':
      return item(`${task} is at risk of missing its SLA`, 'warn');
    case 'task:sla-violation':
      return item(`${task} missed its SLA${d.escalation ? `; ${d.escalation}` : ''}`, 'bad');
    case 'agent:registered':
      return item(`Agent ${d.agent?.name ?? d.agentId} registered`, 'good');
    case 'agent:overload':
      return item(`Agent ${d.agent?.name ?? d.agentId} is overloaded`, 'warn');
    case 'agent:updated':
      switch (d.change) {
        case 'STATUS':
        case 'HEARTBEAT_EXPIRED':
        case 'BACK_ONLINE':
        case 'DEREGISTERING':
        case 'REMOVED':
          return item(`Agent ${d.agent?.name ?? d.agentId} ${agentChange(d.change, d.agent?.status)}`, d.change === 'BACK_ONLINE' ? 'good' : 'warn');
        default:
          return null; // load and heartbeats show in the agents panel
      }
    default:
      return null;
  }
}

function agentChange(change: string, status: string | undefined): string {
  switch (change) {
    case 'HEARTBEAT_EXPIRED':
      return 'stopped sending heartbeats: OFFLINE';
    case 'BACK_ONLINE':
      return 'is back online';
    case 'DEREGISTERING':
      return 'is deregistering';
    case 'REMOVED':
      return 'was removed';
    default:
      return `is now ${status}`;
  }
}

/** The metrics cards. */
export function metrics(state: State) {
  const tasks = Object.values(state.tasks);
  const count = (status: Task['status']) => tasks.filter((t) => t.status === status).length;
  return {
    total: tasks.length,
    pending: count('PENDING'),
    assigned: count('ASSIGNED'),
    inProgress: count('IN_PROGRESS'),
    completed: count('COMPLETED'),
    failed: count('FAILED'),
    activeAgents: Object.values(state.agents).filter((a) => a.status !== 'OFFLINE').length,
    workingAgents: Object.values(state.agents).filter((a) => a.status === 'ACTIVE' || a.status === 'OVERLOADED').length,
    agents: Object.keys(state.agents).length,
    slaAtRisk: Object.values(state.sla).filter((e) => !e.violated && !FINAL_STATUSES.has(state.tasks[e.taskId]?.status)).length,
    slaViolated: Object.values(state.sla).filter((e) => e.violated && !FINAL_STATUSES.has(state.tasks[e.taskId]?.status)).length,
  };
}
