import { useEffect, useRef, useState, type Dispatch, type MutableRefObject } from 'react';
import * as api from '../api';
import { LiveConnection, liveUrl, type ConnectionState } from '../live';
import type { Action, State } from '../state';
import type { Me } from '../types';

/**
 * One WebSocket for a signed-in reader: opened first, then the REST load, so nothing falls between the two; frames
 * go to the reducer after that. Retried at once when the page becomes visible or the network comes back.
 */
export function useLiveFeed(props: {
  me: Me | null;
  stateRef: MutableRefObject<State>;
  dispatch: Dispatch<Action>;
  load: () => Promise<void>;
  notify: (text: string) => void;
  /** Set when a task event comes, so the counts are asked again. */
  countsStale: MutableRefObject<boolean>;
}) {
  const { me, stateRef, dispatch, load, notify, countsStale } = props;
  const [connection, setConnection] = useState<{ state: ConnectionState; detail: string }>({ state: 'connecting', detail: 'connecting' });
  const liveRef = useRef<LiveConnection | null>(null);

  useEffect(() => {
    if (!me || !me.permissions.includes('task.read')) return;
    const live = new LiveConnection({
      url: (last) => liveUrl(window.location, api.apiKey(), last),
      lastEventId: () => stateRef.current.lastEventId,
      handlers: {
        onOpen: (resumed) => {
          if (!resumed) void load();
        },
        onFrame: (frame) => {
          if (frame.event.startsWith('task:')) countsStale.current = true;
          dispatch({ type: 'frame', frame });
        },
        onLagged: () => {
          dispatch({ type: 'reset' });
          notify('The page fell too far behind the live events; reloading.');
        },
        onState: (s, detail) => setConnection({ state: s, detail }),
      },
    });
    liveRef.current = live;
    live.start();
    const wake = () => document.visibilityState === 'visible' && live.retryNow();
    document.addEventListener('visibilitychange', wake);
    window.addEventListener('online', wake);
    return () => {
      document.removeEventListener('visibilitychange', wake);
      window.removeEventListener('online', wake);
      live.stop();
      liveRef.current = null;
    };
  }, [me, load, notify, stateRef, dispatch, countsStale]);

  return { connection, retry: () => liveRef.current?.retryNow() };
}
