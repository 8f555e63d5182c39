import { useState, type FormEvent } from 'react';
import * as api from '../api';
import { PRIORITIES } from '../types';

export function CreateTaskForm({ onCreate, onCancel, onError }: { onCreate: (t: api.NewTask) => Promise<void>; onCancel: () => void; onError: (e: unknown) => void }) {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [priority, setPriority] = useState('P2');
  const [caps, setCaps] = useState('');
  const [eta, setEta] = useState('');
  const [mode, setMode] = useState<'AUTO' | 'MANUAL' | ''>('');
  const [busy, setBusy] = useState(false);
  const [fieldError, setFieldError] = useState<{ field?: string; text: string } | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setFieldError(null);
    try {
      await onCreate({
        name: name.trim(),
        description: description.trim() || undefined,
        priority,
        eta: eta.trim() || undefined,
        requiredCapabilities: caps.split(',').map((c) => c.trim()).filter(Boolean),
        assignmentMode: mode || null,
      });
    } catch (err) {
      if (err instanceof api.ApiError && err.status === 400) setFieldError({ field: err.field, text: err.message });
      else onError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="create" onSubmit={submit} aria-label="New task">
      <label className="wide">
        Name
        <input required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} autoFocus aria-invalid={fieldError?.field === 'name'} />
      </label>
      <label className="wide">
        Description
        <input value={description} onChange={(e) => setDescription(e.target.value)} />
      </label>
      <label>
        Priority
        <select value={priority} onChange={(e) => setPriority(e.target.value)}>
          {PRIORITIES.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
      </label>
      <label>
        ETA
        <input value={eta} onChange={(e) => setEta(e.target.value)} placeholder="2h" />
      </label>
      <label className="wide">
        Required capabilities
        <input value={caps} onChange={(e) => setCaps(e.target.value)} placeholder="frontend, react" aria-invalid={fieldError?.field === 'requiredCapabilities'} />
      </label>
      <label>
        Assignment
        <select value={mode} onChange={(e) => setMode(e.target.value as typeof mode)}>
          <option value="">Deployment default</option>
          <option value="AUTO">Automatic</option>
          <option value="MANUAL">Manual</option>
        </select>
      </label>
      {fieldError && <p className="field-error wide">{fieldError.text}</p>}
      <div className="form-actions wide">
        <button type="button" className="ghost" onClick={onCancel}>
          Cancel
        </button>
        <button className="primary" disabled={busy || !name.trim()}>
          {busy ? 'Creating…' : 'Create task'}
        </button>
      </div>
    </form>
  );
}
