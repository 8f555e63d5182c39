// The page's state and the one reducer that changes it: a REST load, then the live events applied in order.
// Every task and agent carries its version, so a stale or repeated copy (a replay after a reconnect, an event that
// comes after the REST answer it caused) never goes back in time.
//
// The server filters, searches, sorts, pages and counts: the page holds the tasks it lists (the pages loaded so far
// for the current filter) and the counts the server gave, never every task. A live event updates a listed task, or
// lists a new one that matches the filter where the server's order would put it on the pages already loaded; the
// counts are asked again after task events (App), so the cards are the server's.

import { matches, NO_FILTER, type TaskFilter } from './filters';
import { FINAL_STATUSES, type Agent, type Counts, type Frame, type SlaEntry, type Task } from './types';

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
  /** What the list shows: the server answers for this filter. */
  filter: TaskFilter;
  /** The listed tasks, by id, and their order (the server's). */
  tasks: Record<string, Task>;
  list: string[];
  /** How many tasks match the filter in all (the server's total, moved by live changes since). */
  matching: number;
  /** The next page of the list, null when every matching task is loaded. */
  nextCursor: string | null;
  /** Every task counted by the server, whatever the filter; null until the first answer. */
  counts: Counts | null;
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
  filter: NO_FILTER,
  tasks: {},
  list: [],
  matching: 0,
  nextCursor: null,
  counts: null,
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

/** One answer of the task list: a page, how many match in all, the next page's cursor, the counts. */
export interface Listing {
  tasks: Task[];
  total: number;
  nextCursor: string | null;
  counts?: Counts | null;
}

export type Action =
  | { type: 'loaded'; listing: Listing; agents: Agent[]; sla: SlaEntry[] }
  | { type: 'filter'; filter: TaskFilter }
  | { type: 'listed'; filter: TaskFilter; listing: Listing }
  | { type: 'more'; filter: TaskFilter; listing: Listing }
  | { type: 'counts'; counts: Counts }
  | { type: 'frame'; frame: Frame }
  | { type: 'task'; task: Task }
  | { type: 'agent'; agent: Agent }
  | { type: 'sample'; at: number }
  | { type: 'reset' };

export function reducer(state: State, action: Action): State {
  switch (action.type) {
    case 'loaded': {
      let next: State = {
        ...listed(state, action.listing),
        loaded: true,
        agents: byId(action.agents, state.agents),
        sla: Object.fromEntries(action.sla.map((e) => [e.taskId, e])),
        early: [],
      };
      for (const frame of state.early) {
        next = applyFrame(next, frame);
      }
      return next;
    }
    case 'filter':
      return { ...state, filter: action.filter };
    case 'listed':
      // An answer for a filter the page has left since is dropped: another is on its way.
      return action.filter === state.filter ? listed(state, action.listing) : state;
    case 'more': {
      if (action.filter !== state.filter) return state;
      const tasks = { ...state.tasks };
      const list = [...state.list];
      for (const task of action.listing.tasks) {
        if (!tasks[task.id]) list.push(task.id);
        tasks[task.id] = newer(tasks[task.id], task);
      }
      return { ...state, tasks, list, matching: action.listing.total, nextCursor: action.listing.nextCursor };
    }
    case 'counts':
      return { ...state, counts: action.counts };
    case 'frame':
      if (!state.loaded) {
        return { ...state, early: [...state.early, action.frame] };
      }
      return applyFrame(state, action.frame);
    case 'task':
      return withTask(state, action.task, true);
    case 'agent':
      return withAgent(state, action.agent);
    case 'sample': {
      if (!state.counts) return state;
      const by = state.counts.byStatus;
      const sample: Sample = {
        at: action.at,
        queued: by.PENDING ?? 0,
        running: (by.ASSIGNED ?? 0) + (by.IN_PROGRESS ?? 0),
        completed: state.completedSinceSample,
        failed: state.failedSinceSample,
      };
      const samples = [...state.samples, sample].filter((s) => s.at > action.at - CHART_WINDOW_MS);
      return { ...state, samples, completedSinceSample: 0, failedSinceSample: 0 };
    }
    case 'reset':
      // A lagged client reloads everything: keep the chart and the feed, forget what the data was.
      return { ...initialState, filter: state.filter, feed: state.feed, samples: state.samples };
  }
}

export const SAMPLE_MS = 5000;

/** A newer copy replaces an older one; merge keeps fields a partial copy leaves out. */
function byId<T extends { id: string; version: number }>(items: T[], current: Record<string, T>): Record<string, T> {
  const out: Record<string, T> = {};
  for (const item of items) {
    out[item.id] = newer(current[item.id], item);
  }
  return out;
}

function newer<T extends { version: number }>(known: T | undefined, item: T): T {
  return known && known.version > item.version ? known : item;
}

/** The list for a first page: the tasks of the answer, in its order (live copies newer than it kept). */
function listed(state: State, listing: Listing): State {
  return {
    ...state,
    tasks: byId(listing.tasks, state.tasks),
    list: listing.tasks.map((t) => t.id),
    matching: listing.total,
    nextCursor: listing.nextCursor,
    counts: listing.counts ?? state.counts,
  };
}

/**
 * A task's new copy: a listed task is updated (and leaves the list when it no longer matches the filter); a task
 * not listed joins it when it matches and the server's order puts it on the loaded pages: first when newest first,
 * last when oldest first and every page is loaded. A task the person just made here (`own`, the answer of their
 * request) is listed even before the last page is loaded, at the end: they look for it.
 */
function withTask(state: State, task: Task | undefined | null, own = false): State {
  if (!task || !task.id) {
    return state;
  }
  const known = state.tasks[task.id];
  if (known && known.version >= task.version) {
    return state;
  }
  let sla = state.sla;
  if (FINAL_STATUSES.has(task.status) && sla[task.id]) {
    sla = { ...sla };
    delete sla[task.id];
  }
  const copy = known ? { ...known, ...task } : task;
  const fits = matches(copy, state.filter);
  if (known) {
    if (fits) {
      return { ...state, tasks: { ...state.tasks, [task.id]: copy }, sla };
    }
    const tasks = { ...state.tasks };
    delete tasks[task.id];
    return { ...state, tasks, list: state.list.filter((id) => id !== task.id), matching: state.matching - 1, sla };
  }
  if (!fits || !state.loaded) {
    return { ...state, sla };
  }
  const tasks = { ...state.tasks, [task.id]: copy };
  if (state.filter.order === 'newest') {
    return { ...state, tasks, list: [task.id, ...state.list], matching: state.matching + 1, sla };
  }
  if (state.nextCursor === null || own) {
    return { ...state, tasks, list: [...state.list, task.id], matching: state.matching + 1, sla };
  }
  return { ...state, sla, matching: state.matching + 1 };
}

/** The listed tasks, in the list's order. */
export function listedTasks(state: State): Task[] {
  return state.list.map((id) => state.tasks[id]).filter(Boolean);
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

/** The metrics cards: task counts from the server, agents and SLA entries from what the page holds. */
export function metrics(state: State) {
  const by = state.counts?.byStatus;
  const count = (status: Task['status']) => by?.[status] ?? 0;
  return {
    total: state.counts?.total ?? 0,
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
