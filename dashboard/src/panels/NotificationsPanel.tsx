import { useCallback, useEffect, useState } from 'react';
import * as api from '../api';

const CHANNELS: api.Subscription['channel'][] = ['webhook', 'slack', 'email'];

/**
 * Webhook, Slack and email subscriptions (for callers with notification.config): the active ones with their filters,
 * a form to add one (its signing secret shown once), and each one's parked deliveries, which can be sent again.
 */
export function NotificationsPanel({ onError }: { onError: (what: string, e: unknown) => void }) {
  const [list, setList] = useState<api.Subscription[] | null>(null);
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const [parked, setParked] = useState<Record<string, api.ParkedDelivery[]>>({});
  const [recent, setRecent] = useState<Record<string, api.DeliveryAttempt[]>>({});

  const reload = useCallback(async () => {
    try {
      setList((await api.subscriptions()).filter((s) => !s.deletedAt));
    } catch (e) {
      onError('Could not list the subscriptions', e);
    }
  }, [onError]);

  useEffect(() => {
    void reload();
  }, [reload]);

  const remove = async (s: api.Subscription) => {
    try {
      await api.unsubscribe(s.id);
      await reload();
    } catch (e) {
      onError(`Could not delete ${s.name}`, e);
    }
  };

  const showDeliveries = async (s: api.Subscription) => {
    try {
      const [attempts, found] = await Promise.all([api.deliveries(s.id), api.parked(s.id)]);
      setRecent((all) => ({ ...all, [s.id]: attempts }));
      setParked((all) => ({ ...all, [s.id]: found }));
    } catch (e) {
      onError(`Could not list the deliveries of ${s.name}`, e);
    }
  };

  const replay = async (s: api.Subscription, delivery: api.ParkedDelivery) => {
    try {
      await api.replay(s.id, delivery.deliveryId);
      await showDeliveries(s);
    } catch (e) {
      onError(`Could not send ${delivery.deliveryId} again`, e);
    }
  };

  return (
    <section className="panel" aria-label="Notifications">
      <div className="panel-head">
        <h2>
          Notifications <span className="count">{list?.length ?? 0}</span>
        </h2>
      </div>
      <SubscribeForm
        onMade={(made) => {
          setSecret(made.secret ? { name: made.name, secret: made.secret } : null);
          void reload();
        }}
        onError={onError}
      />
      {secret && (
        <p className="secret" data-testid="subscription-secret">
          Signing secret of {secret.name}, shown once: <code>{secret.secret}</code>
        </p>
      )}
      <ul className="subscriptions" data-testid="subscription-list">
        {list === null && <li className="empty">Loading subscriptions…</li>}
        {list?.length === 0 && <li className="empty">No subscriptions.</li>}
        {list?.map((s) => (
          <li key={s.id} className="subscription" data-testid={`subscription-${s.id}`}>
            <div className="agent-top">
              <span className="agent-name" title={s.url}>
                {s.name}
              </span>
              <span className="badge">{s.channel}</span>
            </div>
            <div className="task-meta">
              {(s.events.length ? s.events : ['every event']).map((e) => (
                <span key={e} className="chip">
                  {e}
                </span>
              ))}
              {[s.priority, s.capability, s.label, s.agent].filter(Boolean).map((f) => (
                <span key={f} className="chip">
                  {f}
                </span>
              ))}
            </div>
            <div className="row-actions">
              <button className="ghost" onClick={() => void showDeliveries(s)}>
                Deliveries
              </button>
              <button className="ghost" onClick={() => void remove(s)}>
                Delete
              </button>
            </div>
            {recent[s.id] && (
              <ul className="parked" data-testid="recent-deliveries">
                {recent[s.id].length === 0 && <li className="empty">No attempts lately (on this gateway instance).</li>}
                {recent[s.id].map((d) => (
                  <li key={`${d.deliveryId}-${d.attempt}-${d.outcome}`} data-outcome={d.outcome}>
                    {new Date(d.at).toLocaleTimeString()} {d.eventType} {d.outcome}
                    {d.error ? `: ${d.error}` : ''}
                  </li>
                ))}
              </ul>
            )}
            {parked[s.id] && (
              <ul className="parked" data-testid="parked-list">
                {parked[s.id].length === 0 && <li className="empty">Nothing parked.</li>}
                {parked[s.id].map((d) => (
                  <li key={d.deliveryId}>
                    {d.eventType}: {d.lastError} after {d.attempts} attempts{' '}
                    <button className="ghost" onClick={() => void replay(s, d)}>
                      Send again
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

function SubscribeForm({ onMade, onError }: { onMade: (s: api.Subscription) => void; onError: (what: string, e: unknown) => void }) {
  const [name, setName] = useState('');
  const [channel, setChannel] = useState<api.Subscription['channel']>('webhook');
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState('');
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    try {
      const made = await api.subscribe({
        name,
        channel,
        url,
        events: events
          .split(',')
          .map((x) => x.trim())
          .filter(Boolean),
      });
      setName('');
      setUrl('');
      setEvents('');
      onMade(made);
    } catch (error) {
      onError('Could not subscribe', error);
    }
  };
  return (
    <form className="subscribe" onSubmit={(e) => void submit(e)} aria-label="New subscription">
      <input aria-label="Subscription name" placeholder="Name" value={name} onChange={(e) => setName(e.target.value)} required />
      <select aria-label="Channel" value={channel} onChange={(e) => setChannel(e.target.value as api.Subscription['channel'])}>
        {CHANNELS.map((c) => (
          <option key={c}>{c}</option>
        ))}
      </select>
      <input
        aria-label="Subscription URL"
        placeholder={channel === 'email' ? 'mailto:oncall@example.com' : 'https://hooks.example.com/…'}
        value={url}
        onChange={(e) => setUrl(e.target.value)}
        required
      />
      <input aria-label="Events" placeholder="task:failed, task:sla-violation (empty: all)" value={events} onChange={(e) => setEvents(e.target.value)} />
      <button type="submit">Subscribe</button>
    </form>
  );
}
