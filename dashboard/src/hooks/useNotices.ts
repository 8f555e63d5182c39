import { useCallback, useState } from 'react';
import { ApiError } from '../api';
import type { Notice } from '../types';

/** What the page tells the person: the last five notices, good ones gone after a few seconds. */
export function useNotices() {
  const [notices, setNotices] = useState<Notice[]>([]);
  const notify = useCallback((text: string, tone: Notice['tone'] = 'bad') => {
    setNotices((list) => [...list.filter((n) => n.text !== text), { id: Date.now() + Math.random(), text, tone }].slice(-5));
    if (tone === 'good') {
      setTimeout(() => setNotices((list) => list.filter((n) => n.text !== text)), 4000);
    }
  }, []);
  /** An error as a notice, with what the page was doing; a 401 is left to the sign-in box. */
  const report = useCallback(
    (e: unknown, doing?: string) => {
      if (e instanceof ApiError && e.status === 401) return;
      const what = doing ?? (e instanceof ApiError ? e.request : undefined);
      const text = e instanceof Error ? e.message : String(e);
      notify(what ? `${what}: ${text}` : text);
    },
    [notify],
  );
  const dismiss = useCallback((id: number) => setNotices((list) => list.filter((n) => n.id !== id)), []);
  return { notices, notify, report, dismiss };
}
