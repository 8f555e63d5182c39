import { describe, expect, it } from 'vitest';
import { backfill, initialState, metrics, reducer, type Action, type State } from './state';
import { agent, frame, task } from './fixtures';

const run = (state: State, ...actions: Action[]) => actions.reduce(reducer, state);
const loaded = (over: Partial<Parameters<typeof reducer>[1] & { type: 'loaded' }> = {}) =>
  run(initialState, { type: 'loaded', tasks: [task('T1'), task('T2', { status: 'IN_PROGRESS', agent: 'a1', progress: 50 })], agents: [agent('a1', { status: 'ACTIVE', currentTasks: ['T2'] })], sla: [], ...over });

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
    const state = run(early, { type: 'loaded', tasks: [task('T2', { status: 'IN_PROGRESS', progress: 50 })], agents: [], sla: [] });
    expect(state.tasks.T2.progress).toBe(70);
    expect(state.early).toEqual([]);
  });

  it('keeps a live copy newer than what a later REST load answered', () => {
    const live = run(initialState, { type: 'loaded', tasks: [], agents: [], sla: [] }, { type: 'task', task: task('T1', { version: 4, status: 'ASSIGNED' }) });
    const reloaded = run(live, { type: 'loaded', tasks: [task('T1', { version: 3 })], agents: [], sla: [] });
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

  it('counts the metrics cards', () => {
    const state = run(loaded(), { type: 'frame', frame: frame('agent:registered', { agent: agent('a2', { status: 'OFFLINE' }) }) });
    expect(metrics(state)).toMatchObject({ total: 2, pending: 1, inProgress: 1, completed: 0, failed: 0, activeAgents: 1, agents: 2 });
  });

  it('samples queue depth and throughput for the chart, keeping 15 minutes', () => {
    let state = run(loaded(), { type: 'sample', at: 0 });
    state = run(state, { type: 'frame', frame: frame('task:completed', { task: task('T2', { status: 'COMPLETED', progress: 100, version: 2 }) }) });
    state = run(state, { type: 'sample', at: 5000 });
    expect(state.samples.map((s) => [s.queued, s.running, s.completed])).toEqual([[1, 1, 0], [1, 0, 1]]);
    state = run(state, { type: 'sample', at: 16 * 60 * 1000 });
    expect(state.samples).toHaveLength(1);
  });

  it('rebuilds the last minutes of the chart from the tasks own times at the first load', () => {
    const now = Date.parse('2026-01-12T10:15:00Z');
    const samples = backfill(
      [
        task('Q', { createdAt: '2026-01-12T10:01:00Z' }),
        task('R', { status: 'IN_PROGRESS', createdAt: '2026-01-12T10:02:00Z', assignedAt: '2026-01-12T10:10:00Z' }),
        task('D', { status: 'COMPLETED', createdAt: '2026-01-12T09:00:00Z', assignedAt: '2026-01-12T09:30:00Z', completedAt: '2026-01-12T10:12:02Z' }),
      ],
      now,
    );
    expect(samples).toHaveLength(179);
    const at = (iso: string) => samples.find((s) => s.at === Date.parse(iso))!;
    expect(at('2026-01-12T10:00:30Z')).toMatchObject({ queued: 0, running: 1, completed: 0 });
    expect(at('2026-01-12T10:05:00Z')).toMatchObject({ queued: 2, running: 1 });
    expect(at('2026-01-12T10:11:00Z')).toMatchObject({ queued: 1, running: 2 });
    expect(at('2026-01-12T10:12:05Z')).toMatchObject({ queued: 1, running: 1, completed: 1 });
    expect(samples.reduce((n, s) => n + s.completed, 0)).toBe(1);
    const loaded = run(initialState, { type: 'loaded', tasks: [task('Q')], agents: [], sla: [], at: now });
    expect(loaded.samples).toHaveLength(179);
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
