import { describe, expect, it } from 'vitest';
import { initialState, listedTasks, metrics, reducer, type Action, type Listing, type State } from './state';
import { NO_FILTER } from './filters';
import type { Counts, Task } from './types';
import { agent, frame, task } from './fixtures';

const run = (state: State, ...actions: Action[]) => actions.reduce(reducer, state);
const counts = (byStatus: Partial<Counts['byStatus']>): Counts => {
  const full = { PENDING: 0, ASSIGNED: 0, IN_PROGRESS: 0, COMPLETED: 0, FAILED: 0, CANCELLED: 0, ...byStatus };
  const total = Object.values(full).reduce((a, b) => a + b, 0);
  return { total, open: full.PENDING + full.ASSIGNED + full.IN_PROGRESS, byStatus: full, byPriority: { P0: 0, P1: 0, P2: total, P3: 0 } };
};
const listing = (tasks: Task[], over: Partial<Listing> = {}): Listing => ({ tasks, total: tasks.length, nextCursor: null, counts: null, ...over });
const loaded = () =>
  run(initialState, {
    type: 'loaded',
    listing: listing([task('T1'), task('T2', { status: 'IN_PROGRESS', agent: 'a1', progress: 50 })], { counts: counts({ PENDING: 1, IN_PROGRESS: 1 }) }),
    agents: [agent('a1', { status: 'ACTIVE', currentTasks: ['T2'] })],
    sla: [],
  });

describe('reducer', () => {
  it('applies an assignment event to the task and says so in the feed', () => {
    const state = run(loaded(), {
      type: 'frame',
      frame: frame('task:assigned', { task: task('T1', { status: 'ASSIGNED', agent: 'a1', version: 2 }), agent: { id: 'a1', name: 'Agent One' } }),
    });
    expect(state.tasks.T1.status).toBe('ASSIGNED');
    expect(state.tasks.T1.agent).toBe('a1');
    expect(state.feed[0].text).toContain('assigned to Agent One');
    expect(state.feed[0].time).toBe('2026-01-12T10:00:05Z');
  });

  it('moves a progress bar on task:updated', () => {
    const state = run(loaded(), { type: 'frame', frame: frame('task:updated', { change: 'PROGRESS', task: task('T2', { status: 'IN_PROGRESS', progress: 80, version: 2 }) }) });
    expect(state.tasks.T2.progress).toBe(80);
    expect(state.feed[0].text).toContain('at 80%');
  });

  it('never goes back to an older version of a task', () => {
    const newer = run(loaded(), { type: 'task', task: task('T2', { progress: 90, version: 5 }) });
    const state = run(newer, { type: 'frame', frame: frame('task:updated', { change: 'PROGRESS', task: task('T2', { progress: 60, version: 3 }) }) });
    expect(state.tasks.T2.progress).toBe(90);
  });

  it('drops a frame whose id it already applied (a resume may send it twice)', () => {
    const f = frame('task:created', { task: task('T3') });
    const once = run(loaded(), { type: 'frame', frame: f });
    const twice = run(once, { type: 'frame', frame: f });
    expect(twice).toBe(once);
    expect(once.feed).toHaveLength(1);
    expect(once.lastEventId).toBe(f.id);
  });

  it('holds frames that come before the REST load and applies them on top of it', () => {
    const early = run(initialState, { type: 'frame', frame: frame('task:updated', { change: 'PROGRESS', task: task('T2', { status: 'IN_PROGRESS', progress: 70, version: 2 }) }) });
    expect(early.tasks).toEqual({});
    const state = run(early, { type: 'loaded', listing: listing([task('T2', { status: 'IN_PROGRESS', progress: 50 })]), agents: [], sla: [] });
    expect(state.tasks.T2.progress).toBe(70);
    expect(state.early).toEqual([]);
  });

  it('keeps a live copy newer than what a later REST load answered', () => {
    const live = run(initialState, { type: 'loaded', listing: listing([]), agents: [], sla: [] }, { type: 'task', task: task('T1', { version: 4, status: 'ASSIGNED' }) });
    const reloaded = run(live, { type: 'loaded', listing: listing([task('T1', { version: 3 })]), agents: [], sla: [] });
    expect(reloaded.tasks.T1.status).toBe('ASSIGNED');
  });

  it('tracks SLA warnings until the task finishes', () => {
    let state = run(loaded(), { type: 'frame', frame: frame('task:sla-warning', { taskId: 'T1', deadline: '2026-01-12T11:00:00Z', task: task('T1') }) });
    expect(metrics(state).slaAtRisk).toBe(1);
    state = run(state, { type: 'frame', frame: frame('task:sla-violation', { taskId: 'T1', deadline: '2026-01-12T11:00:00Z', task: task('T1') }) });
    expect(metrics(state).slaAtRisk).toBe(0);
    expect(metrics(state).slaViolated).toBe(1);
    state = run(state, { type: 'frame', frame: frame('task:completed', { task: task('T1', { status: 'COMPLETED', progress: 100, version: 2 }) }) });
    expect(state.sla.T1).toBeUndefined();
    expect(state.completedSinceSample).toBe(1);
  });

  it('updates agents, and removes one the registry removed', () => {
    let state = run(loaded(), { type: 'frame', frame: frame('agent:updated', { change: 'STATUS', agent: agent('a1', { status: 'OFFLINE', version: 2 }) }) });
    expect(state.agents.a1.status).toBe('OFFLINE');
    expect(state.feed[0].text).toContain('is now OFFLINE');
    state = run(state, { type: 'frame', frame: frame('agent:updated', { change: 'HEARTBEAT', agent: agent('a1', { status: 'OFFLINE', version: 3 }) }) });
    expect(state.feed).toHaveLength(1); // heartbeats are not worth a line
    state = run(state, { type: 'frame', frame: frame('agent:updated', { change: 'REMOVED', agent: agent('a1', { version: 4 }) }) });
    expect(state.agents.a1).toBeUndefined();
  });

  it('takes the task cards from the server counts, not from the tasks it lists', () => {
    let state = run(loaded(), { type: 'frame', frame: frame('agent:registered', { agent: agent('a2', { status: 'OFFLINE' }) }) });
    state = run(state, { type: 'counts', counts: counts({ PENDING: 4, IN_PROGRESS: 1, COMPLETED: 20000 }) });
    expect(metrics(state)).toMatchObject({ total: 20005, pending: 4, inProgress: 1, completed: 20000, failed: 0, activeAgents: 1, agents: 2 });
    expect(listedTasks(state).map((t) => t.id)).toEqual(['T1', 'T2']);
  });

  it('samples queue depth and throughput for the chart from the counts, keeping 15 minutes', () => {
    let state = run(loaded(), { type: 'sample', at: 0 });
    state = run(state, { type: 'frame', frame: frame('task:completed', { task: task('T2', { status: 'COMPLETED', progress: 100, version: 2 }) }) });
    state = run(state, { type: 'counts', counts: counts({ PENDING: 1, COMPLETED: 1 }) }, { type: 'sample', at: 5000 });
    expect(state.samples.map((s) => [s.queued, s.running, s.completed])).toEqual([[1, 1, 0], [1, 0, 1]]);
    state = run(state, { type: 'sample', at: 16 * 60 * 1000 });
    expect(state.samples).toHaveLength(1);
  });

  it('lists a new task that matches the filter where the server would: last when oldest first and every page is loaded', () => {
    const state = run(loaded(), { type: 'frame', frame: frame('task:created', { task: task('T3') }) });
    expect(state.list).toEqual(['T1', 'T2', 'T3']);
    expect(state.matching).toBe(3);
  });

  it('lists a new task first when newest first, and not at all when more pages are to come oldest first', () => {
    const newest = { ...NO_FILTER, order: 'newest' as const };
    let state = run(loaded(), { type: 'filter', filter: newest }, { type: 'listed', filter: newest, listing: listing([task('T2'), task('T1')]) });
    state = run(state, { type: 'frame', frame: frame('task:created', { task: task('T3') }) });
    expect(state.list).toEqual(['T3', 'T2', 'T1']);

    const paged = run(loaded(), { type: 'listed', filter: NO_FILTER, listing: listing([task('T1')], { total: 2, nextCursor: 'c1' }) });
    const later = run(paged, { type: 'frame', frame: frame('task:created', { task: task('T3') }) });
    expect(later.list).toEqual(['T1']);
    expect(later.matching).toBe(3);
    expect(later.tasks.T3).toBeUndefined(); // the page holds what it lists, not every task
    // A task made on this page (the answer of its own request) shows at once, pages to come or not.
    expect(run(paged, { type: 'task', task: task('T4') }).list).toEqual(['T1', 'T4']);
  });

  it('drops a task that no longer matches the filter and ignores one that never did', () => {
    const pending = { ...NO_FILTER, status: 'PENDING' as const };
    let state = run(loaded(), { type: 'filter', filter: pending }, { type: 'listed', filter: pending, listing: listing([task('T1')]) });
    state = run(state, { type: 'frame', frame: frame('task:assigned', { task: task('T1', { status: 'ASSIGNED', agent: 'a1', version: 2 }) }) });
    expect(state.list).toEqual([]);
    expect(state.matching).toBe(0);
    state = run(state, { type: 'frame', frame: frame('task:updated', { change: 'PROGRESS', task: task('T9', { status: 'IN_PROGRESS', version: 3 }) }) });
    expect(state.list).toEqual([]);
  });

  it('keeps an answer only for the filter it was asked for', () => {
    const pending = { ...NO_FILTER, status: 'PENDING' as const };
    const state = run(loaded(), { type: 'filter', filter: pending }, { type: 'listed', filter: NO_FILTER, listing: listing([task('T7')]) });
    expect(state.list).toEqual(['T1', 'T2']);
    const more = run(state, { type: 'listed', filter: pending, listing: listing([task('T1')], { total: 3, nextCursor: 'c' }) }, { type: 'more', filter: pending, listing: listing([task('T4'), task('T5')], { total: 3 }) });
    expect(more.list).toEqual(['T1', 'T4', 'T5']);
    expect(more.nextCursor).toBeNull();
  });

  it('starts over after a lagged frame, keeping the feed', () => {
    const before = run(loaded(), { type: 'frame', frame: frame('task:created', { task: task('T9') }) });
    const state = run(before, { type: 'reset' });
    expect(state.loaded).toBe(false);
    expect(state.tasks).toEqual({});
    expect(state.lastEventId).toBeNull();
    expect(state.feed).toHaveLength(1);
  });
});
