import type { Notice } from '../types';

export function Errors({ notices, onDismiss }: { notices: Notice[]; onDismiss: (id: number) => void }) {
  if (notices.length === 0) return null;
  return (
    <div className="notices" role="alert" aria-live="assertive">
      {notices.map((n) => (
        <div key={n.id} className={`notice notice-${n.tone}`} data-testid={n.tone === 'bad' ? 'error' : 'notice'}>
          <span>{n.text}</span>
          <button className="link" onClick={() => onDismiss(n.id)} aria-label="Dismiss">
            ✕
          </button>
        </div>
      ))}
    </div>
  );
}
