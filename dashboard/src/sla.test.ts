import { describe, expect, it } from 'vitest';
import { countdown, deadlineOf, duration } from './sla';
import { task } from './fixtures';

const created = Date.parse('2026-01-12T10:00:00Z');
const min = 60_000;

describe('SLA countdown', () => {
  it('counts from creation plus the priority budget', () => {
    expect(deadlineOf(task('T', { priority: 'P0' }))?.toISOString()).toBe('2026-01-12T11:00:00.000Z');
    expect(deadlineOf(task('T', { priority: 'P1' }))?.toISOString()).toBe('2026-01-13T10:00:00.000Z');
    expect(deadlineOf(task('T', { priority: 'P3' }))).toBeNull();
    expect(countdown(task('T', { priority: 'P3' }), created).state).toBe('none');
  });
  it('prefers dueAt, and a deadline the monitor reported', () => {
    expect(deadlineOf(task('T', { dueAt: '2026-01-12T10:30:00Z' }))?.toISOString()).toBe('2026-01-12T10:30:00.000Z');
    const reported = { taskId: 'T', deadline: '2026-01-12T10:45:00Z', violated: false };
    expect(deadlineOf(task('T', { dueAt: '2026-01-12T10:30:00Z' }), reported)?.toISOString()).toBe('2026-01-12T10:45:00.000Z');
  });
  it('is ok, then at risk after 80 % of the budget, then overdue', () => {
    const p0 = task('T', { priority: 'P0' });
    expect(countdown(p0, created + 10 * min)).toMatchObject({ state: 'ok', text: '50m 00s left' });
    expect(countdown(p0, created + 48 * min)).toMatchObject({ state: 'at-risk', text: '12m 00s left' });
    expect(countdown(p0, created + 61 * min + 5000)).toMatchObject({ state: 'violated', text: 'overdue by 1m 05s' });
  });
  it('is at risk as soon as the monitor says so', () => {
    const p1 = task('T', { priority: 'P1' });
    expect(countdown(p1, created, { taskId: 'T', deadline: '2026-01-13T10:00:00Z', violated: false }).state).toBe('at-risk');
    expect(countdown(p1, created, { taskId: 'T', deadline: '2026-01-13T10:00:00Z', violated: true }).state).toBe('violated');
  });
  it('stops when the task finishes: met or missed', () => {
    expect(countdown(task('T', { priority: 'P0', status: 'COMPLETED', completedAt: '2026-01-12T10:59:00Z' }), created + 5 * 60 * min).state).toBe('met');
    expect(countdown(task('T', { priority: 'P0', status: 'COMPLETED', completedAt: '2026-01-12T11:01:00Z' }), created).state).toBe('missed');
    expect(countdown(task('T', { priority: 'P0', status: 'CANCELLED' }), created).state).toBe('stopped');
  });
  it('writes durations shortly', () => {
    expect(duration(45_000)).toBe('45s');
    expect(duration(3 * 3600_000 + 20 * min)).toBe('3h 20m');
    expect(duration(6 * 86400_000 + 4 * 3600_000)).toBe('6d 4h');
    expect(duration(-5)).toBe('0s');
  });
});
