import { describe, expect, it, vi } from 'vitest';
import { LiveConnection, liveUrl, type ConnectionState } from './live';

class FakeSocket {
  static all: FakeSocket[] = [];
  readyState = 0;
  onopen: (() => void) | null = null;
  onmessage: ((m: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  open() { this.readyState = 1; this.onopen?.(); }
  send(frame: object) { this.onmessage?.({ data: JSON.stringify(frame) }); }
  close() { this.readyState = 3; this.onclose?.(); }
}

describe('live connection', () => {
  it('builds the URL with the resume id and the API key', () => {
    const location = { protocol: 'https:', host: 'sb.example:8443' } as Location;
    expect(liveUrl(location, null, null)).toBe('wss://sb.example:8443/ws');
    expect(liveUrl(location, 'k 1&', 'task.updated:3:42')).toBe('wss://sb.example:8443/ws?lastEventId=task.updated:3:42&apiKey=k%201%26');
  });

  it('reconnects after a drop with the last event id, and starts over after a lagged frame', () => {
    vi.useFakeTimers();
    FakeSocket.all = [];
    let last: string | null = null;
    const opens: boolean[] = [];
    const states: ConnectionState[] = [];
    const live = new LiveConnection({
      url: (id) => `ws://x/ws${id ? `?lastEventId=${id}` : ''}`,
      lastEventId: () => last,
      backoff: [100, 1000],
      socket: (url) => new FakeSocket(url) as unknown as WebSocket,
      handlers: {
        onOpen: (resumed) => opens.push(resumed),
        onFrame: (f) => { last = f.id; },
        onLagged: () => {},
        onState: (s) => states.push(s),
      },
    });
    live.start();
    FakeSocket.all[0].open();
    FakeSocket.all[0].send({ event: 'task:created', data: {}, time: 't', id: 'task.created:0:7' });
    FakeSocket.all[0].close();
    expect(states.at(-1)).toBe('reconnecting');
    vi.advanceTimersByTime(100);
    expect(FakeSocket.all[1].url).toBe('ws://x/ws?lastEventId=task.created:0:7');
    FakeSocket.all[1].open();
    FakeSocket.all[1].send({ event: 'lagged', data: { error: 'behind' }, time: 't', id: null });
    FakeSocket.all[1].close();
    vi.advanceTimersByTime(100);
    expect(FakeSocket.all[2].url).toBe('ws://x/ws');
    FakeSocket.all[2].open();
    expect(opens).toEqual([false, true, false]);
    expect(states.at(-1)).toBe('live');
    live.stop();
    expect(FakeSocket.all).toHaveLength(3);
    vi.useRealTimers();
  });

  it('reloads rather than resumes when no event came before the drop', () => {
    vi.useFakeTimers();
    FakeSocket.all = [];
    const opens: boolean[] = [];
    const live = new LiveConnection({
      url: (id) => `ws://x/ws${id ? `?lastEventId=${id}` : ''}`,
      lastEventId: () => null,
      backoff: [100],
      socket: (url) => new FakeSocket(url) as unknown as WebSocket,
      handlers: { onOpen: (resumed) => opens.push(resumed), onFrame: () => {}, onLagged: () => {}, onState: () => {} },
    });
    live.start();
    FakeSocket.all[0].open();
    FakeSocket.all[0].close();
    vi.advanceTimersByTime(100);
    FakeSocket.all[1].open();
    expect(FakeSocket.all[1].url).toBe('ws://x/ws');
    expect(opens).toEqual([false, false]);
    live.stop();
    vi.useRealTimers();
  });
});
