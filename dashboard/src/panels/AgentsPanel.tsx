import { useState } from 'react';
import type { Agent, AgentStatus } from '../types';

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
