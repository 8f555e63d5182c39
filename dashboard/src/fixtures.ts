// Test data: tasks and agents shaped as the gateway sends them.
import type { Agent, Frame, Task } from './types';

export function task(id: string, over: Partial<Task> = {}): Task {
  return {
    id,
    name: `Task ${id}`,
    priority: 'P2',
    status: 'PENDING',
    agent: null,
    progress: 0,
    requiredCapabilities: [],
    createdAt: '2026-01-12T10:00:00Z',
    version: 1,
    ...over,
  };
}

export function agent(id: string, over: Partial<Agent> = {}): Agent {
  return {
    id,
    name: `Agent ${id}`,
    status: 'IDLE',
    capabilities: [],
    currentTasks: [],
    maxConcurrentTasks: 1,
    reliability: 0.9,
    version: 1,
    ...over,
  };
}

let offset = 0;
export function frame(event: string, data: unknown, id: string | null = `${event.replace(':', '.')}:0:${offset++}`): Frame {
  return { event, data, time: '2026-01-12T10:00:05Z', id };
}
