import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from 'react';
import * as api from './api';
import { SAMPLE_MS, initialState, listedTasks, metrics, reducer } from './state';
import { NO_FILTER, type TaskFilter } from './filters';
import { ActivityFeed } from './panels/ActivityFeed';
import { AgentsPanel } from './panels/AgentsPanel';
import { Chart } from './panels/Chart';
import { ConnectionBadge } from './panels/ConnectionBadge';
import { CreateTaskForm } from './panels/CreateTaskForm';
import { Errors } from './panels/Errors';
import { Metrics } from './panels/Metrics';
import { SignIn } from './panels/SignIn';
import { TaskDrawer } from './panels/TaskDrawer';
import { TaskList } from './panels/TaskList';
import { NotificationsPanel } from './panels/NotificationsPanel';
import { useLiveFeed } from './hooks/useLiveFeed';
import { useNotices } from './hooks/useNotices';
import { useSession } from './hooks/useSession';

/** How long typing pauses before a search goes to the server. */
const SEARCH_PAUSE_MS = 250;
/** The counts are asked again at most this often while task events come. */
const COUNTS_MS = 1000;

export default function App() {
  const [state, dispatch] = useReducer(reducer, initialState);
  const stateRef = useRef(state);
  stateRef.current = state;
  const { notices, notify, report, dismiss } = useNotices();
  const { me, can, signIn, setSignIn, signInWith } = useSession(report);
  const [selected, setSelected] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  /** Task events came since the counts were last asked for. */
  const countsStale = useRef(false);
  /** The filter of the list the page last asked for. */
  const listedFilter = useRef<TaskFilter | null>(null);
  const filter = state.filter;
  const setFilter = useCallback((f: TaskFilter) => dispatch({ type: 'filter', filter: f }), []);

  const load = useCallback(async () => {
    const started = performance.now();
    try {
      const filter = stateRef.current.filter;
      listedFilter.current = filter;
      const [listing, agents, sla] = await Promise.all([api.listTasks(filter, null, true), api.agents(), api.sla()]);
      dispatch({ type: 'loaded', listing, agents, sla });
      performance.mark('switchboard:loaded', { detail: { ms: performance.now() - started, tasks: listing.tasks.length } });
    } catch (e) {
      report(e, 'Could not load the tasks and agents');
    }
  }, [report]);

  const { connection, retry } = useLiveFeed({ me, stateRef, dispatch, load, notify, countsStale });

  // The list again when the filter changes (a search once typing pauses), from the server.
  useEffect(() => {
    if (!state.loaded || listedFilter.current === filter) return;
    let cancelled = false;
    const timer = setTimeout(() => {
      listedFilter.current = filter;
      api
        .listTasks(filter, null, true)
        .then((listing) => !cancelled && dispatch({ type: 'listed', filter, listing }))
        .catch((e) => !cancelled && report(e, 'Could not list the tasks'));
    }, filter.search === listedFilter.current?.search ? 0 : SEARCH_PAUSE_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [state.loaded, filter, report]);

  // The counts again after task events, at most once per COUNTS_MS: the cards are the server's.
  useEffect(() => {
    if (!state.loaded) return;
    const timer = setInterval(() => {
      if (!countsStale.current) return;
      countsStale.current = false;
      api
        .counts()
        .then((counts) => dispatch({ type: 'counts', counts }))
        .catch(() => {
          countsStale.current = true; // asked again on the next tick
        });
    }, COUNTS_MS);
    return () => clearInterval(timer);
  }, [state.loaded]);

  const more = useCallback(async () => {
    const { filter, nextCursor } = stateRef.current;
    if (!nextCursor) return;
    try {
      dispatch({ type: 'more', filter, listing: await api.listTasks(filter, nextCursor) });
    } catch (e) {
      report(e, 'Could not list more tasks');
    }
  }, [report]);

  // The chart's points.
  useEffect(() => {
    if (!state.loaded) return;
    dispatch({ type: 'sample', at: Date.now() });
    const timer = setInterval(() => dispatch({ type: 'sample', at: Date.now() }), SAMPLE_MS);
    return () => clearInterval(timer);
  }, [state.loaded]);

  const figures = useMemo(() => metrics(state), [state]);
  const tasks = useMemo(() => listedTasks(state), [state]);
  const selectedTask = selected ? state.tasks[selected] : undefined;

  const notifyError = useCallback((doing: string, e: unknown) => report(e, doing), [report]);

  const run = useCallback(
    async (doing: string, what: () => Promise<void>) => {
      try {
        await what();
      } catch (e) {
        report(e, doing);
      }
    },
    [report],
  );

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <span className="logo" aria-hidden>
            ⇄
          </span>
          <div>
            <h1>Task Orchestration</h1>
            <p className="sub">Switchboard · live from Kafka</p>
          </div>
        </div>
        <div className="topbar-right">
          <ConnectionBadge state={connection.state} detail={connection.detail} onRetry={retry} />
          {me && (
            <span className="who" title={me.permissions.join(', ')}>
              {me.authEnabled ? `${me.principal} · ${me.role}` : 'no sign-in required'}
            </span>
          )}
          {me?.authEnabled && api.apiKey() && (
            <button
              className="ghost"
              onClick={() => signInWith(null)}
            >
              Sign out
            </button>
          )}
          {me?.authEnabled && !api.apiKey() && (
            <button className="ghost" onClick={() => setSignIn('Sign in with an API key for more permissions.')}>
              Sign in
            </button>
          )}
        </div>
      </header>

      <Errors notices={notices} onDismiss={dismiss} />

      <main className="content">
        <Metrics figures={figures} loaded={state.loaded && state.counts !== null} onPick={(status) => setFilter({ ...NO_FILTER, order: filter.order, status })} />

        <div className="columns">
          <section className="panel tasks-panel" aria-label="Tasks">
            <div className="panel-head">
              <h2>
                Tasks{' '}
                <span className="count" data-testid="list-count">
                  {state.matching === figures.total ? figures.total : `${state.matching} of ${figures.total}`}
                </span>
              </h2>
              {can('task.write') && (
                <button className="primary" onClick={() => setCreating((c) => !c)} aria-expanded={creating}>
                  {creating ? 'Close' : '+ New task'}
                </button>
              )}
            </div>
            {creating && can('task.write') && (
              <CreateTaskForm
                onCancel={() => setCreating(false)}
                onCreate={async (input) => {
                  const task = await api.createTask(input);
                  dispatch({ type: 'task', task });
                  countsStale.current = true;
                  setCreating(false);
                  notify(`Created ${task.id}`, 'good');
                }}
                onError={report}
              />
            )}
            <TaskList
              tasks={tasks}
              agents={state.agents}
              sla={state.sla}
              loaded={state.loaded}
              filter={filter}
              onFilter={setFilter}
              remaining={state.nextCursor ? state.matching - tasks.length : 0}
              onMore={more}
              onSelect={setSelected}
              canAssign={can('task.assign')}
              onAssign={(taskId) =>
                run(`Could not assign ${taskId}`, async () => {
                  const answer = await api.assign(taskId);
                  dispatch({ type: 'task', task: answer.task });
                  if (answer.agent) dispatch({ type: 'agent', agent: answer.agent });
                })
              }
            />
          </section>

          <aside className="side">
            <AgentsPanel
              agents={state.agents}
              loaded={state.loaded}
              canChange={can('agent.write')}
              onStatus={(agentId, status) =>
                run(`Could not set ${agentId} ${status.toLowerCase()}`, async () => {
                  dispatch({ type: 'agent', agent: await api.agentStatus(agentId, status) });
                })
              }
            />
            <Chart samples={state.samples} queued={figures.pending} running={figures.inProgress + figures.assigned} />
            <ActivityFeed items={state.feed} />
            {can('notification.config') && <NotificationsPanel onError={notifyError} />}
          </aside>
        </div>
      </main>

      {selectedTask && (
        <TaskDrawer
          task={selectedTask}
          agent={selectedTask.agent ? state.agents[selectedTask.agent] : undefined}
          sla={state.sla[selectedTask.id]}
          canWrite={can('task.write')}
          canAssign={can('task.assign')}
          onClose={() => setSelected(null)}
          onError={report}
          onTask={(task) => dispatch({ type: 'task', task })}
          onAssign={() =>
            run(`Could not assign ${selectedTask.id}`, async () => {
              const answer = await api.assign(selectedTask.id);
              dispatch({ type: 'task', task: answer.task });
              if (answer.agent) dispatch({ type: 'agent', agent: answer.agent });
            })
          }
        />
      )}

      {signIn && (
        <SignIn
          reason={signIn}
          onSubmit={signInWith}
          onClose={me ? () => setSignIn(null) : undefined}
        />
      )}
    </div>
  );
}
