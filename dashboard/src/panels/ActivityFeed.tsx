import type { FeedItem } from '../state';
import { time } from './format';

export function ActivityFeed({ items }: { items: FeedItem[] }) {
  return (
    <section className="panel" aria-label="Live activity">
      <div className="panel-head">
        <h2>Live activity</h2>
      </div>
      <ol className="feed" data-testid="feed">
        {items.length === 0 && <li className="empty">Events show here as they happen.</li>}
        {items.map((item) => (
          <li key={item.id} className={`feed-${item.tone}`}>
            <time dateTime={item.time}>{time(item.time)}</time>
            <span>{item.text}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}
