import { useState } from 'react';

export function SignIn({ reason, onSubmit, onClose }: { reason: string; onSubmit: (key: string) => void; onClose?: () => void }) {
  const [key, setKey] = useState('');
  return (
    <div className="drawer-backdrop center">
      <form
        className="signin"
        onSubmit={(e) => {
          e.preventDefault();
          if (key.trim()) onSubmit(key.trim());
        }}
        aria-label="Sign in"
      >
        <h2>Sign in</h2>
        <p>{reason}</p>
        <label>
          API key or token
          <input type="password" value={key} onChange={(e) => setKey(e.target.value)} autoFocus autoComplete="current-password" />
        </label>
        <p className="hint">Kept in this browser (localStorage) until you sign out.</p>
        <div className="form-actions">
          {onClose && (
            <button type="button" className="ghost" onClick={onClose}>
              Not now
            </button>
          )}
          <button className="primary" disabled={!key.trim()}>
            Sign in
          </button>
        </div>
      </form>
    </div>
  );
}
