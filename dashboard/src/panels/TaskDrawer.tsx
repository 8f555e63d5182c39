import { useEffect, useState } from 'react';
import * as api from '../api';
import { countdown } from '../sla';
import { FINAL_STATUSES, type Agent, type HistoryLine, type SlaEntry, type Task } from '../types';
import { label, dateTime } from './format';
import { useNow } from './useNow';
import { Progress } from './Progress';
import { A2aSection } from './A2aSection';

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

        {props.agent?.a2a && <A2aSection taskId={task.id} version={task.version} canWrite={props.canWrite} onError={onError} />}

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
