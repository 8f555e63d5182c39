import { useState } from 'react';
import * as api from '../api';
import { countdown } from '../sla';
import { NO_FILTER, narrows, type TaskFilter } from '../filters';
import { PRIORITIES, STATUSES, type Agent, type SlaEntry, type Task } from '../types';
import { label } from './format';
import { useNow } from './useNow';
import { Progress } from './Progress';

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
