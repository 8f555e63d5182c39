import { describe, expect, it } from 'vitest';
import { NO_FILTER, filterTasks } from './filters';
import { agent, task } from './fixtures';

const tasks = [
  task('TASK-010', { name: 'DevContainer Setup', priority: 'P3', requiredCapabilities: ['devcontainer'], createdAt: '2026-01-12T10:00:10Z' }),
  task('TASK-001', { name: 'Testing Infrastructure', priority: 'P1', status: 'IN_PROGRESS', agent: 'antigravity-main', requiredCapabilities: ['testing'] }),
  task('TASK-002', { name: 'Security Documentation', priority: 'P1', status: 'COMPLETED', agent: 'antigravity-main', labels: { team: 'sec' } }),
  task('TASK-007', { name: 'QR Scanner Feature', description: 'Implement QR scanner with AI analysis', requiredCapabilities: ['frontend', 'react'] }),
];
const agents = { 'antigravity-main': agent('antigravity-main', { name: 'Antigravity AI' }) };
const ids = (filter: Partial<typeof NO_FILTER>) => filterTasks(tasks, { ...NO_FILTER, ...filter }, agents).map((t) => t.id);

describe('task filters', () => {
  it('lists everything oldest first, ties by id', () => {
    expect(ids({})).toEqual(['TASK-001', 'TASK-002', 'TASK-007', 'TASK-010']);
  });
  it('filters by status, and OPEN leaves out the final ones', () => {
    expect(ids({ status: 'PENDING' })).toEqual(['TASK-007', 'TASK-010']);
    expect(ids({ status: 'OPEN' })).toEqual(['TASK-001', 'TASK-007', 'TASK-010']);
  });
  it('filters by priority and by agent, or unassigned', () => {
    expect(ids({ priority: 'P1' })).toEqual(['TASK-001', 'TASK-002']);
    expect(ids({ agent: 'antigravity-main' })).toEqual(['TASK-001', 'TASK-002']);
    expect(ids({ agent: 'none' })).toEqual(['TASK-007', 'TASK-010']);
  });
  it('searches ids, names, descriptions, capabilities, labels and agent names, every word', () => {
    expect(ids({ search: 'qr' })).toEqual(['TASK-007']);
    expect(ids({ search: 'REACT' })).toEqual(['TASK-007']);
    expect(ids({ search: 'ai analysis' })).toEqual(['TASK-007']);
    expect(ids({ search: 'antigravity ai' })).toEqual(['TASK-001', 'TASK-002']);
    expect(ids({ search: 'team:sec' })).toEqual(['TASK-002']);
    expect(ids({ search: 'task-010' })).toEqual(['TASK-010']);
    expect(ids({ search: 'qr nothing' })).toEqual([]);
  });
  it('combines filters', () => {
    expect(ids({ status: 'OPEN', priority: 'P1', search: 'testing' })).toEqual(['TASK-001']);
  });
});
