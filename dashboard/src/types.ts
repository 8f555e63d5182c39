// The shapes the gateway answers with (docs/task-api.md, docs/agent-api.md, docs/events.md), as far as the page uses them.

export const STATUSES = ['PENDING', 'ASSIGNED', 'IN_PROGRESS', 'COMPLETED', 'FAILED', 'CANCELLED'] as const;
export type TaskStatus = (typeof STATUSES)[number];
export const PRIORITIES = ['P0', 'P1', 'P2', 'P3'] as const;
export type Priority = (typeof PRIORITIES)[number];
export const AGENT_STATUSES = ['ACTIVE', 'IDLE', 'OFFLINE', 'OVERLOADED'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

export const FINAL_STATUSES: ReadonlySet<TaskStatus> = new Set(['COMPLETED', 'FAILED', 'CANCELLED']);

export interface Task {
  id: string;
  name: string;
  description?: string | null;
  priority: Priority;
  status: TaskStatus;
  agent: string | null;
  progress: number;
  eta?: string | null;
  requiredCapabilities?: string[];
  preferredCapabilities?: string[];
  labels?: Record<string, string>;
  assignmentMode?: 'AUTO' | 'MANUAL' | null;
  dueAt?: string | null;
  attempts?: number;
  failureReason?: string | null;
  createdAt?: string | null;
  assignedAt?: string | null;
  startedAt?: string | null;
  completedAt?: string | null;
  failedAt?: string | null;
  cancelledAt?: string | null;
  updatedAt?: string | null;
  version: number;
}

/** GET /api/tasks?counts=true: every task counted by status and by priority. */
export interface Counts {
  total: number;
  open: number;
  byStatus: Record<TaskStatus, number>;
  byPriority: Record<Priority, number>;
}

export interface Agent {
  id: string;
  name: string;
  status: AgentStatus;
  capabilities: string[];
  currentTasks: string[];
  maxConcurrentTasks: number;
  reliability: number;
  completed?: number;
  failed?: number;
  lastHeartbeat?: string | null;
  deregistering?: boolean;
  version: number;
  /** Set for an agent registered from its A2A card: the gateway sends it its tasks over A2A. */
  a2a?: { cardUrl: string; url: string; description?: string | null };
}

/** GET /api/tasks/{id}/a2a: a task sent to an A2A agent, as the agent says. */
export interface A2aDispatch {
  taskId: string;
  agentId: string;
  a2aTaskId?: string | null;
  state: string;
  message?: string | null;
  artifacts: { artifactId?: string | null; name?: string | null; text: string }[];
  updatedAt: string;
}

/** One line of GET /api/sla: an open task past its warning point or its deadline. */
export interface SlaEntry {
  taskId: string;
  deadline: string;
  violated: boolean;
}

export interface HistoryLine {
  from: TaskStatus | null;
  to: TaskStatus;
  at?: string;
  actor?: string;
  reason?: string | null;
  version: number;
}

/** A frame of the gateway's WebSocket bridge: the seed's event name and payload, and its place in Kafka. */
export interface Frame {
  event: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any;
  time: string;
  id: string | null;
}

export type Permission = 'task.read' | 'task.write' | 'task.assign' | 'agent.write' | 'system.config' | 'audit.read';

export interface Me {
  principal: string;
  role: string;
  permissions: string[];
  /** false when the gateway has no authentication at all (GET /api/auth/me answered 404). */
  authEnabled: boolean;
}

/** A message to the person at the dashboard: an error to read, or a change that worked. */
export interface Notice {
  id: number;
  text: string;
  tone: 'bad' | 'good';
}
