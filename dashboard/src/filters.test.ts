import { describe, expect, it } from 'vitest';
import { NO_FILTER, matches, narrows, query } from './filters';
import { task } from './fixtures';

const tasks = [
  task('TASK-010', { name: 'DevContainer Setup', priority: 'P3', requiredCapabilities: ['devcontainer'], createdAt: '2026-01-12T10:00:10Z' }),
  task('TASK-001', { name: 'Testing Infrastructure', priority: 'P1', status: 'IN_PROGRESS', agent: 'antigravity-main', requiredCapabilities: ['testing'] }),
  task('TASK-002', { name: 'Security Documentation', priority: 'P1', status: 'COMPLETED', agent: 'antigravity-main', labels: { team: 'sec' } }),
  task('TASK-007', { name: 'QR Scanner Feature', description: 'Implement QR scanner with AI analysis', requiredCapabilities: ['frontend', 'react'] }),
];
const ids = (filter: Partial<typeof NO_FILTER>) => tasks.filter((t) => matches(t, { ...NO_FILTER, ...filter })).map((t) => t.id);

describe('task filters', () => {
  it('asks the server for what the filter says, one page at a time', () => {
    expect(query(NO_FILTER, 100)).toBe('limit=100');
    expect(query({ search: ' qr  react ', status: 'OPEN', priority: 'P1', agent: 'none', order: 'newest' }, 100, 'abc', true)).toBe(
      'status=OPEN&priority=P1&assigned=false&q=qr+react&order=newest&limit=100&cursor=abc&counts=true',
    );
    expect(query({ ...NO_FILTER, agent: 'antigravity-main' }, 1)).toBe('agent=antigravity-main&limit=1');
  });
  it('tells a filter that narrows the list from one that only orders it', () => {
    expect(narrows({ ...NO_FILTER, order: 'newest' })).toBe(false);
    expect(narrows({ ...NO_FILTER, search: 'qr' })).toBe(true);
  });
  it('matches by status, and OPEN leaves out the final ones', () => {
    expect(ids({ status: 'PENDING' })).toEqual(['TASK-010', 'TASK-007']);
    expect(ids({ status: 'OPEN' })).toEqual(['TASK-010', 'TASK-001', 'TASK-007']);
  });
  it('matches by priority and by agent, or unassigned', () => {
    expect(ids({ priority: 'P1' })).toEqual(['TASK-001', 'TASK-002']);
    expect(ids({ agent: 'antigravity-main' })).toEqual(['TASK-001', 'TASK-002']);
    expect(ids({ agent: 'none' })).toEqual(['TASK-010', 'TASK-007']);
  });
  it('searches as the server does: ids, names, descriptions, agents, capabilities, labels, every word', () => {
    expect(ids({ search: 'qr' })).toEqual(['TASK-007']);
    expect(ids({ search: 'REACT' })).toEqual(['TASK-007']);
    expect(ids({ search: 'ai analysis' })).toEqual(['TASK-007']);
    expect(ids({ search: 'antigravity-main p1' })).toEqual(['TASK-001', 'TASK-002']);
    expect(ids({ search: 'team:sec' })).toEqual(['TASK-002']);
    expect(ids({ search: 'task-010' })).toEqual(['TASK-010']);
    expect(ids({ search: 'qr nothing' })).toEqual([]);
  });
  it('combines filters', () => {
    expect(ids({ status: 'OPEN', priority: 'P1', search: 'testing' })).toEqual(['TASK-001']);
  });
});
