import { useEffect, useState } from 'react';
import * as api from '../api';
import type { A2aDispatch } from '../types';
import { dateTime } from './format';

const WAITING = new Set(['input-required', 'auth-required']);

/** A task sent to an A2A agent: what the agent says (its question, when it waits for input) and its artifacts. */
export function A2aSection(props: { taskId: string; version: number; canWrite: boolean; onError: (e: unknown) => void }) {
  const { taskId, version, onError } = props;
  const [dispatch, setDispatch] = useState<A2aDispatch | null>(null);
  const [answer, setAnswer] = useState('');
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let cancelled = false;
    api
      .a2aDispatch(taskId)
      .then((d) => !cancelled && setDispatch(d))
      .catch((e) => !cancelled && onError(e));
    return () => {
      cancelled = true;
    };
  }, [taskId, version, onError]);

  if (!dispatch) return null;
  const waiting = WAITING.has(dispatch.state);
  return (
    <section className="a2a" data-testid="a2a">
      <h3>A2A</h3>
      <p>
        <span className={`badge a2a-${dispatch.state}`}>{dispatch.state}</span>{' '}
        <span className="tl-when">{dateTime(dispatch.updatedAt)}</span>
      </p>
      {dispatch.message && <p className={waiting ? 'a2a-question' : 'desc'}>{dispatch.message}</p>}
      {waiting && props.canWrite && (
        <form
          className="a2a-reply"
          onSubmit={(e) => {
            e.preventDefault();
            setBusy(true);
            api
              .replyToA2a(taskId, answer)
              .then((d) => {
                setDispatch(d);
                setAnswer('');
              })
              .catch(onError)
              .finally(() => setBusy(false));
          }}
        >
          <input value={answer} onChange={(e) => setAnswer(e.target.value)} aria-label="Answer to the agent" />
          <button disabled={busy || !answer.trim()}>Answer</button>
        </form>
      )}
      {dispatch.artifacts.map((a, i) => (
        <details key={a.artifactId ?? i}>
          <summary>{a.name ?? a.artifactId ?? `artifact ${i + 1}`}</summary>
          <pre>{a.text}</pre>
        </details>
      ))}
    </section>
  );
}
