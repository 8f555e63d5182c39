import type { ConnectionState } from '../live';

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
