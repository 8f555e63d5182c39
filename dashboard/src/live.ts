// One WebSocket to the gateway's bridge (/ws). After a drop it reconnects, with a growing pause, and asks for what
// it missed with the id of the last event it applied (lastEventId); a `lagged` frame means the gateway gave up on
// this client, so the page reloads everything over REST before it listens again.

import type { Frame } from './types';

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'offline';

export interface LiveHandlers {
  /** The socket is open: the first time (and after a lagged frame) the page loads over REST now. */
  onOpen(resumed: boolean): void;
  onFrame(frame: Frame): void;
  onLagged(): void;
  onState(state: ConnectionState, detail: string): void;
}

export interface LiveOptions {
  url: (lastEventId: string | null) => string;
  lastEventId: () => string | null;
  handlers: LiveHandlers;
  /** Pauses before reconnect attempts, in ms; the last one repeats. */
  backoff?: number[];
  socket?: (url: string) => WebSocket;
}

export function liveUrl(location: Location, apiKey: string | null, lastEventId: string | null): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const query: string[] = [];
  // The gateway reads lastEventId from the raw query without decoding it, so its colons (topic:partition:offset)
  // go as they are: they are legal in a query, and the id's other characters need no encoding.
  if (lastEventId) query.push(`lastEventId=${encodeURIComponent(lastEventId).replace(/%3A/gi, ':')}`);
  if (apiKey) query.push(`apiKey=${encodeURIComponent(apiKey)}`);
  return `${scheme}//${location.host}/ws${query.length ? `?${query.join('&')}` : ''}`;
}

export class LiveConnection {
  private socket: WebSocket | null = null;
  private attempts = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  private fresh = true;
  private readonly backoff: number[];

  constructor(private readonly options: LiveOptions) {
    this.backoff = options.backoff ?? [250, 500, 1000, 2000, 5000, 10000];
  }

  start(): void {
    this.closed = false;
    this.open();
  }

  stop(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.socket?.close();
    this.socket = null;
  }

  /** Reconnect now (the person pressed "reconnect", or the page came back to the foreground). */
  retryNow(): void {
    if (this.closed || (this.socket && this.socket.readyState <= 1)) return;
    if (this.timer) clearTimeout(this.timer);
    this.open();
  }

  private open(): void {
    const resume = this.fresh ? null : this.options.lastEventId();
    if (resume === null) {
      // Nothing to resume from (no event came yet): the gateway cannot replay, so the page reloads over REST.
      this.fresh = true;
    }
    const url = this.options.url(resume);
    this.options.handlers.onState(this.attempts === 0 ? 'connecting' : 'reconnecting',
      this.attempts === 0 ? 'connecting' : `reconnecting, attempt ${this.attempts}`);
    const socket = this.options.socket ? this.options.socket(url) : new WebSocket(url);
    this.socket = socket;
    let lagged = false;
    socket.onopen = () => {
      const resumed = !this.fresh;
      this.attempts = 0;
      this.fresh = false;
      this.options.handlers.onState('live', resumed ? 'live (resumed)' : 'live');
      this.options.handlers.onOpen(resumed);
    };
    socket.onmessage = (message) => {
      let frame: Frame;
      try {
        frame = JSON.parse(String(message.data));
      } catch {
        return;
      }
      if (frame.event === 'lagged') {
        lagged = true;
        this.options.handlers.onLagged();
        return;
      }
      this.options.handlers.onFrame(frame);
    };
    socket.onclose = () => {
      if (this.socket !== socket || this.closed) return;
      this.socket = null;
      if (lagged) {
        // The gateway dropped this client: start over with a REST load rather than a replay.
        this.fresh = true;
      }
      const pause = this.backoff[Math.min(this.attempts, this.backoff.length - 1)];
      this.attempts++;
      this.options.handlers.onState(this.attempts > 3 ? 'offline' : 'reconnecting',
        `connection lost; retrying in ${Math.round(pause / 100) / 10}s (attempt ${this.attempts})`);
      this.timer = setTimeout(() => this.open(), pause);
    };
    socket.onerror = () => {
      // onclose follows and schedules the retry.
    };
  }
}
