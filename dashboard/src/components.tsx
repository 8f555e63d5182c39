import { useEffect, useState, type FormEvent } from 'react';
import * as api from './api';
import type { Notice } from './App';
import type { ConnectionState } from './live';
import { CHART_WINDOW_MS, metrics, type FeedItem, type Sample } from './state';
import { countdown } from './sla';
import { NO_FILTER, narrows, type TaskFilter } from './filters';
import { PRIORITIES, STATUSES, FINAL_STATUSES, type Agent, type AgentStatus, type HistoryLine, type SlaEntry, type Task, type TaskStatus } from './types';

/** The current time, again every `every` ms: for countdowns. */
function useNow(every = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), every);
    return () => clearInterval(timer);
  }, [every]);
  return now;
}

const label = (status: string) => status.replace('_', ' ').toLowerCase();
const time = (iso?: string | null) => (iso ? new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }) : '');
const dateTime = (iso?: string | null) => (iso ? new Date(iso).toLocaleString([], { dateStyle: 'medium', timeStyle: 'medium' }) : '—');

export function ConnectionBadge({ state, detail, onRetry }: { state: ConnectionState; detail: string; onRetry: () => void }) {
  return (
    <span className={`conn conn-${state}`} data-testid="connection" data-state={state} title={detail} role="status">
      <span className="dot" aria-hidden />
      {state === 'live' ? 'Live' : state === 'connecting' ? 'Connecting…' : state === 'reconnecting' ? 'Reconnecting…' : 'Offline'}
      {state === 'offline' && (
        <button className="link" onClick={onRetry}>
          retry now
        </button>
      )}
    </span>
  );
}

export function Errors({ notices, onDismiss }: { notices: Notice[]; onDismiss: (id: number) => void }) {
  if (notices.length === 0) return null;
  return (
    <div className="notices" role="alert" aria-live="assertive">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.tone}`} data-testid={n.tone === 'bad' ? 'error' : 'notice'}>
          <span>{n.text}</span>
          <button className="link" onClick={() => onDismiss(n.id)} aria-label="Dismiss">
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}

export function Metrics({ figures, loaded, onPick }: { figures: ReturnType<typeof metrics>; loaded: boolean; onPick: (status: TaskFilter['status']) => void }) {
  const card = (key: string, name: string, value: number, tone: string, sub?: string, status?: TaskFilter['status']) => (
    <button key={key} className={`metric metric-${tone}`} data-testid={`metric-${key}`} onClick={() => status !== undefined && onPick(status)} disabled={status === undefined}>
      <span className="metric-value">{loaded ? value : '–'}</span>
      <span className="metric-name">{name}</span>
      {sub && <span className="metric-sub">{sub}</span>}
    </button>
  );
  return (
    <section className="metrics" aria-label="Metrics">
      {card('total', 'Total tasks', figures.total, 'plain', undefined, '')}
      {card('pending', 'Pending', figures.pending, 'pending', undefined, 'PENDING')}
      {card('in-progress', 'In progress', figures.inProgress, 'progress', figures.assigned ? `+ ${figures.assigned} assigned` : undefined, 'IN_PROGRESS')}
      {card('completed', 'Completed', figures.completed, 'good', undefined, 'COMPLETED')}
      {card('failed', 'Failed', figures.failed, 'bad', undefined, 'FAILED')}
      {card('agents', 'Active agents', figures.activeAgents, 'plain', `${figures.workingAgents} working · ${figures.agents} known`)}
      {card('sla', 'SLA at risk', figures.slaAtRisk, figures.slaViolated ? 'bad' : figures.slaAtRisk ? 'warn' : 'plain', figures.slaViolated ? `${figures.slaViolated} overdue` : undefined)}
    </section>
  );
}

export function TaskList(props: {
  tasks: Task[];
  agents: Record<string, Agent>;
  sla: Record<string, SlaEntry>;
  loaded: boolean;
  filter: TaskFilter;
  onFilter: (f: TaskFilter) => void;
  onSelect: (id: string) => void;
  canAssign: boolean;
  onAssign: (id: string) => Promise<void>;
  /** Matching tasks not loaded yet: a button loads the next page. */
  remaining: number;
  onMore: () => Promise<void>;
}) {
  const { tasks, agents, filter, onFilter } = props;
  const [loadingMore, setLoadingMore] = useState(false);
  const [busy, setBusy] = useState<Record<string, boolean>>({});
  const now = useNow(1000);
  const assign = async (id: string) => {
    setBusy((b) => ({ ...b, [id]: true }));
    try {
      await props.onAssign(id);
    } finally {
      setBusy((b) => ({ ...b, [id]: false }));
    }
  };
  const filtered = narrows(filter);
  return (
    <>
      <div className="filters" role="search">
        <input
          type="search"
          placeholder="Search id, name, agent, capability…"
          value={filter.search}
          onChange={(e) => onFilter({ ...filter, search: e.target.value })}
          aria-label="Search tasks"
          data-testid="search"
        />
        <select value={filter.status} onChange={(e) => onFilter({ ...filter, status: e.target.value as TaskFilter['status'] })} aria-label="Status">
          <option value="">Any status</option>
          <option value="OPEN">Open</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {label(s)}
            </option>
          ))}
        </select>
        <select value={filter.priority} onChange={(e) => onFilter({ ...filter, priority: e.target.value as TaskFilter['priority'] })} aria-label="Priority">
          <option value="">Any priority</option>
          {PRIORITIES.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
        <select value={filter.agent} onChange={(e) => onFilter({ ...filter, agent: e.target.value })} aria-label="Agent">
          <option value="">Any agent</option>
          <option value="none">Unassigned</option>
          {Object.values(agents)
            .sort((a, b) => a.name.localeCompare(b.name))
            .map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
        </select>
        <select value={filter.order} onChange={(e) => onFilter({ ...filter, order: e.target.value as TaskFilter['order'] })} aria-label="Order">
          <option value="oldest">Oldest first</option>
          <option value="newest">Newest first</option>
        </select>
        {filtered && (
          <button className="link" onClick={() => onFilter({ ...NO_FILTER, order: filter.order })}>
            Clear
          </button>
        )}
      </div>
      <ul className="task-list" data-testid="task-list">
        {!props.loaded && <li className="empty">Loading tasks…</li>}
        {props.loaded && tasks.length === 0 && <li className="empty">{filtered ? 'No task matches these filters.' : 'No tasks yet.'}</li>}
        {tasks.map((task) => {
          const sla = countdown(task, now, props.sla[task.id]);
          const agent = task.agent ? agents[task.agent] : undefined;
          return (
            <li key={task.id} className={`task status-${task.status}`} data-testid={`task-${task.id}`} data-status={task.status}>
              <button className="task-main" onClick={() => props.onSelect(task.id)} aria-label={`Open ${task.id}`}>
                <span className="task-top">
                  <span className={`prio prio-${task.priority}`}>{task.priority}</span>
                  <span className="task-id">{task.id}</span>
                  <span className={`badge badge-${task.status}`} data-testid="status">
                    {label(task.status)}
                  </span>
                  {(sla.state === 'at-risk' || sla.state === 'violated') && <span className={`sla sla-${sla.state}`}>⏱ {sla.text}</span>}
                </span>
                <span className="task-name">{task.name}</span>
                <span className="task-meta">
                  <span data-testid="agent">{agent ? agent.name : task.agent ?? 'unassigned'}</span>
                  {task.eta && <span>eta {task.eta}</span>}
                  {(task.requiredCapabilities ?? []).map((c) => (
                    <span key={c} className="chip">
                      {c}
                    </span>
                  ))}
                </span>
                <Progress value={task.progress} status={task.status} />
              </button>
              {props.canAssign && task.status === 'PENDING' && (
                <button className="assign" onClick={() => assign(task.id)} disabled={busy[task.id]} data-testid="assign">
                  {busy[task.id] ? 'Assigning…' : 'Assign'}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {props.loaded && props.remaining > 0 && (
        <button
          className="ghost more"
          data-testid="more"
          disabled={loadingMore}
          onClick={async () => {
            setLoadingMore(true);
            try {
              await props.onMore();
            } finally {
              setLoadingMore(false);
            }
          }}
        >
          {loadingMore ? 'Loading…' : `Show ${Math.min(api.PAGE_SIZE, props.remaining)} more of ${props.remaining}`}
        </button>
      )}
    </>
  );
}

function Progress({ value, status }: { value: number; status: TaskStatus }) {
  return (
    <span className="progress-row">
      <span className="progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={value} data-testid="progress">
        <span className={`progress-fill fill-${status}`} style={{ width: `${value}%` }} />
      </span>
      <span className="progress-text">{value}%</span>
    </span>
  );
}

export function AgentsPanel({ agents, loaded, canChange, onStatus }: { agents: Record<string, Agent>; loaded: boolean; canChange: boolean; onStatus: (id: string, s: AgentStatus) => Promise<void> }) {
  const list = Object.values(agents).sort((a, b) => a.name.localeCompare(b.name));
  return (
    <section className="panel" aria-label="Agents">
      <div className="panel-head">
        <h2>
          Agents <span className="count">{list.length}</span>
        </h2>
      </div>
      <ul className="agents" data-testid="agent-list">
        {!loaded && <li className="empty">Loading agents…</li>}
        {loaded && list.length === 0 && <li className="empty">No agents registered.</li>}
        {list.map((a) => {
          const load = a.currentTasks?.length ?? 0;
          return (
            <li key={a.id} className="agent" data-testid={`agent-${a.id}`} data-status={a.status}>
              <div className="agent-top">
                <span className="agent-name" title={a.id}>
                  {a.name}
                </span>
                <span className={`badge agent-${a.status}`}>{a.status.toLowerCase()}</span>
              </div>
              <div className="agent-load">
                <span className="load-bar" aria-label={`load ${load} of ${a.maxConcurrentTasks}`}>
                  <span style={{ width: `${Math.min(100, (load / Math.max(1, a.maxConcurrentTasks)) * 100)}%` }} />
                </span>
                <span data-testid="load">
                  {load}/{a.maxConcurrentTasks}
                </span>
                <span className="reliability" title="reliability">
                  {Math.round(a.reliability * 100)}%
                </span>
              </div>
              <div className="task-meta">
                {a.capabilities.map((c) => (
                  <span key={c} className="chip">
                    {c}
                  </span>
                ))}
              </div>
              {canChange && <AgentStatusControl agent={a} onStatus={onStatus} />}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function AgentStatusControl({ agent, onStatus }: { agent: Agent; onStatus: (id: string, s: AgentStatus) => Promise<void> }) {
  const [busy, setBusy] = useState(false);
  const choices: AgentStatus[] = ['ACTIVE', 'IDLE', 'OFFLINE'];
  return (
    <div className="segmented" role="group" aria-label={`Set ${agent.name}'s status`}>
      {choices.map((s) => (
        <button
          key={s}
          disabled={busy}
          className={agent.status === s ? 'on' : ''}
          aria-pressed={agent.status === s}
          onClick={async () => {
            setBusy(true);
            try {
              await onStatus(agent.id, s);
            } finally {
              setBusy(false);
            }
          }}
        >
          {s.toLowerCase()}
        </button>
      ))}
    </div>
  );
}

export function ActivityFeed({ items }: { items: FeedItem[] }) {
  return (
    <section className="panel" aria-label="Live activity">
      <div className="panel-head">
        <h2>Live activity</h2>
      </div>
      <ol className="feed" data-testid="feed">
        {items.length === 0 && <li className="empty">Events show here as they happen.</li>}
        {items.map((item) => (
          <li key={item.id} className={`feed-${item.tone}`}>
            <time dateTime={item.time}>{time(item.time)}</time>
            <span>{item.text}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/**
 * Queue depth (pending tasks) and running tasks as lines, finished tasks per sample as bars, over the last 15
 * minutes. A few lines of SVG: a chart library would weigh more than the rest of the page together.
 */
export function Chart({ samples: points, queued, running }: { samples: Sample[]; queued: number; running: number }) {
  const W = 320;
  const H = 120;
  const pad = 18;
  const now = useNow(5000);
  // The last point is now, from the current state, so the lines end where the cards are.
  const samples = [...points.filter((s) => s.at < now), { at: now, queued, running, completed: 0, failed: 0 }];
  const x = (at: number) => pad + ((at - (now - CHART_WINDOW_MS)) / CHART_WINDOW_MS) * (W - pad - 4);
  const top = Math.max(4, ...samples.map((s) => Math.max(s.queued, s.running, s.completed + s.failed)));
  const y = (v: number) => H - pad - (v / top) * (H - pad - 6);
  const line = (pick: (s: Sample) => number) => samples.map((s, i) => `${i ? 'L' : 'M'}${x(s.at).toFixed(1)},${y(pick(s)).toFixed(1)}`).join(' ');
  const finished = samples.reduce((n, s) => n + s.completed, 0);
  return (
    <section className="panel" aria-label="Queue and throughput">
      <div className="panel-head">
        <h2>Queue &amp; throughput</h2>
        <span className="count">last 15 min</span>
      </div>
      <svg viewBox={`0 0 ${W} ${H}`} className="chart" role="img" aria-label={`Queue depth ${queued}, ${finished} completed in the last 15 minutes`}>
        <line x1={pad} x2={W - 4} y1={H - pad} y2={H - pad} className="axis" />
        <text x={pad - 4} y={y(top) + 4} className="tick" textAnchor="end">
          {top}
        </text>
        <text x={pad - 4} y={H - pad + 3} className="tick" textAnchor="end">
          0
        </text>
        {[15, 10, 5].map((m) => (
          <text key={m} x={x(now - m * 60000)} y={H - 4} className="tick" textAnchor="middle">
            −{m}m
          </text>
        ))}
        <text x={W - 4} y={H - 4} className="tick" textAnchor="end">
          now
        </text>
        {samples.map((s) =>
          s.completed + s.failed > 0 ? (
            <g key={s.at}>
              <rect x={x(s.at) - 1} width={2} y={y(s.completed)} height={H - pad - y(s.completed)} className="bar-done" />
              {s.failed > 0 && <rect x={x(s.at) - 1} width={2} y={y(s.completed + s.failed)} height={y(s.completed) - y(s.completed + s.failed)} className="bar-failed" />}
            </g>
          ) : null,
        )}
        {samples.length > 1 && <path d={line((s) => s.running)} className="line-running" />}
        {samples.length > 1 && <path d={line((s) => s.queued)} className="line-queued" />}
      </svg>
      <div className="legend">
        <span className="lg-queued">queue {queued}</span>
        <span className="lg-running">running {running}</span>
        <span className="lg-done">{finished} completed in 15 min</span>
      </div>
    </section>
  );
}

export function CreateTaskForm({ onCreate, onCancel, onError }: { onCreate: (t: api.NewTask) => Promise<void>; onCancel: () => void; onError: (e: unknown) => void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [priority, setPriority] = useState('P2');
  const [caps, setCaps] = useState('');
  const [eta, setEta] = useState('');
  const [mode, setMode] = useState<'AUTO' | 'MANUAL' | ''>('');
  const [busy, setBusy] = useState(false);
  const [fieldError, setFieldError] = useState<{ field?: string; text: string } | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setFieldError(null);
    try {
      await onCreate({
        name: name.trim(),
        description: description.trim() || undefined,
        priority,
        eta: eta.trim() || undefined,
        requiredCapabilities: caps.split(',').map((c) => c.trim()).filter(Boolean),
        assignmentMode: mode || null,
      });
    } catch (err) {
      if (err instanceof api.ApiError && err.status === 400) setFieldError({ field: err.field, text: err.message });
      else onError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="create" onSubmit={submit} aria-label="New task">
      <label className="wide">
        Name
        <input required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} autoFocus aria-invalid={fieldError?.field === 'name'} />
      </label>
      <label className="wide">
        Description
        <input value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <label>
        Priority
        <select value={priority} onChange={(e) => setPriority(e.target.value)}>
          {PRIORITIES.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
      </label>
      <label>
        ETA
        <input value={eta} onChange={(e) => setEta(e.target.value)} placeholder="2h" />
      </label>
      <label className="wide">
        Required capabilities
        <input value={caps} onChange={(e) => setCaps(e.target.value)} placeholder="frontend, react" aria-invalid={fieldError?.field === 'requiredCapabilities'} />
      </label>
      <label>
        Assignment
        <select value={mode} onChange={(e) => setMode(e.target.value as typeof mode)}>
          <option value="">Deployment default</option>
          <option value="AUTO">Automatic</option>
          <option value="MANUAL">Manual</option>
        </select>
      </label>
      {fieldError && <p className="field-error wide">{fieldError.text}</p>}
      <div className="form-actions wide">
        <button type="button" className="ghost" onClick={onCancel}>
          Cancel
        </button>
        <button className="primary" disabled={busy || !name.trim()}>
          {busy ? 'Creating…' : 'Create task'}
        </button>
      </div>
    </form>
  );
}

export function TaskDrawer(props: {
  task: Task;
  agent?: Agent;
  sla?: SlaEntry;
  canWrite: boolean;
  canAssign: boolean;
  onClose: () => void;
  onError: (e: unknown) => void;
  onTask: (t: Task) => void;
  onAssign: () => Promise<void>;
}) {
  const { task, onClose, onError, onTask } = props;
  const now = useNow(1000);
  const [history, setHistory] = useState<HistoryLine[] | null>(null);
  const [value, setValue] = useState(task.progress);
  const [busy, setBusy] = useState(false);
  const sla = countdown(task, now, props.sla);
  const open = !FINAL_STATUSES.has(task.status);

  useEffect(() => setValue(task.progress), [task.id, task.progress]);
  useEffect(() => {
    let cancelled = false;
    api
      .history(task.id)
      .then((h) => !cancelled && setHistory(h))
      .catch((e) => !cancelled && onError(e));
    return () => {
      cancelled = true;
    };
  }, [task.id, task.version, onError]);
  useEffect(() => {
    const esc = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', esc);
    return () => window.removeEventListener('keydown', esc);
  }, [onClose]);

  const act = async (what: () => Promise<Task | void>) => {
    setBusy(true);
    try {
      const t = await what();
      if (t) onTask(t);
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="drawer-backdrop" onClick={onClose}>
      <aside className="drawer" role="dialog" aria-label={`Task ${task.id}`} onClick={(e) => e.stopPropagation()} data-testid="drawer">
        <div className="drawer-head">
          <div>
            <span className={`prio prio-${task.priority}`}>{task.priority}</span> <span className="task-id">{task.id}</span>{' '}
            <span className={`badge badge-${task.status}`}>{label(task.status)}</span>
            <h2>{task.name}</h2>
          </div>
          <button className="link close" onClick={onClose} aria-label="Close">
            ✕
          </button>
        </div>
        {task.description && <p className="desc">{task.description}</p>}

        <div className={`countdown sla-${sla.state}`} data-testid="sla-countdown">
          <span className="countdown-text">{sla.text}</span>
          {sla.deadline && <span className="countdown-deadline">deadline {dateTime(sla.deadline.toISOString())}</span>}
        </div>

        <Progress value={task.progress} status={task.status} />

        <dl className="facts">
          <dt>Agent</dt>
          <dd>{props.agent ? `${props.agent.name} (${props.agent.id})` : task.agent ?? 'unassigned'}</dd>
          <dt>Needs</dt>
          <dd>{(task.requiredCapabilities ?? []).join(', ') || '—'}</dd>
          {!!task.preferredCapabilities?.length && (
            <>
              <dt>Prefers</dt>
              <dd>{task.preferredCapabilities.join(', ')}</dd>
            </>
          )}
          <dt>ETA</dt>
          <dd>{task.eta ?? '—'}</dd>
          <dt>Attempts</dt>
          <dd>{task.attempts ?? 0}</dd>
          <dt>Created</dt>
          <dd>{dateTime(task.createdAt)}</dd>
          {task.failureReason && (
            <>
              <dt>Failure</dt>
              <dd>{task.failureReason}</dd>
            </>
          )}
          {task.labels && Object.keys(task.labels).length > 0 && (
            <>
              <dt>Labels</dt>
              <dd>
                {Object.entries(task.labels).map(([k, v]) => (
                  <span key={k} className="chip">
                    {k}:{v}
                  </span>
                ))}
              </dd>
            </>
          )}
          <dt>Version</dt>
          <dd>{task.version}</dd>
        </dl>

        {open && (props.canWrite || props.canAssign) && (
          <div className="actions">
            {props.canAssign && task.status === 'PENDING' && (
              <button className="primary" disabled={busy} onClick={() => act(props.onAssign)}>
                Assign
              </button>
            )}
            {props.canWrite && task.status !== 'PENDING' && (
              <form
                className="progress-form"
                onSubmit={(e) => {
                  e.preventDefault();
                  void act(() => api.progress(task.id, value));
                }}
              >
                <input type="range" min={0} max={100} step={5} value={value} onChange={(e) => setValue(Number(e.target.value))} aria-label="Progress" />
                <button disabled={busy || value === task.progress}>Set {value}%</button>
              </form>
            )}
            {props.canWrite && task.status === 'ASSIGNED' && (
              <button disabled={busy} onClick={() => act(() => api.lifecycle(task.id, 'start'))}>
                Start
              </button>
            )}
            {props.canWrite && task.status !== 'PENDING' && (
              <button disabled={busy} onClick={() => act(() => api.lifecycle(task.id, 'complete'))}>
                Complete
              </button>
            )}
            {props.canWrite && (
              <button
                className="danger"
                disabled={busy}
                onClick={() => {
                  const reason = window.prompt(`Cancel ${task.id}? Reason (optional):`);
                  if (reason !== null) void act(() => api.lifecycle(task.id, 'cancel', reason || undefined));
                }}
              >
                Cancel task
              </button>
            )}
          </div>
        )}

        <h3>History</h3>
        <ol className="timeline" data-testid="history">
          {history === null && <li className="empty">Loading…</li>}
          {history?.map((h, i) => (
            <li key={i}>
              <span className={`badge badge-${h.to}`}>{label(h.to)}</span>
              <span className="tl-when">{dateTime(h.at)}</span>
              <span className="tl-who">
                {h.from ? `from ${label(h.from)}` : 'created'} · by {h.actor ?? 'api'}
                {h.reason ? ` · ${h.reason}` : ''}
              </span>
            </li>
          ))}
        </ol>
      </aside>
    </div>
  );
}

export function SignIn({ reason, onSubmit, onClose }: { reason: string; onSubmit: (key: string) => void; onClose?: () => void }) {
  const [key, setKey] = useState('');
  return (
    <div className="drawer-backdrop center">
      <form
        className="signin"
        onSubmit={(e) => {
          e.preventDefault();
          if (key.trim()) onSubmit(key.trim());
        }}
        aria-label="Sign in"
      >
        <h2>Sign in</h2>
        <p>{reason}</p>
        <label>
          API key or token
          <input type="password" value={key} onChange={(e) => setKey(e.target.value)} autoFocus autoComplete="current-password" />
        </label>
        <p className="hint">Kept in this browser (localStorage) until you sign out.</p>
        <div className="form-actions">
          {onClose && (
            <button type="button" className="ghost" onClick={onClose}>
              Not now
            </button>
          )}
          <button className="primary" disabled={!key.trim()}>
            Sign in
          </button>
        </div>
      </form>
    </div>
  );
}
