import { useThread } from '../../api/messenger-queries';
import { FormError } from '../../components/form-error';
import { formatShortWhen } from '../compose/timing';

/** How many of the latest texts the contact page shows; the Messenger Center has them all. */
const SHOWN = 5;

/** The latest texts sent to and received from one phone. */
export function PhoneMessages({ phone, now }: { phone: string; now: number }) {
  const thread = useThread(phone);
  if (thread.error) return <FormError error={thread.error} />;
  const messages = (thread.data?.messages ?? []).slice(-SHOWN).reverse();
  if (thread.data && messages.length === 0) return <p className="muted">No texts to or from this number yet.</p>;
  return (
    <ul className="messages compact" aria-label="Latest texts">
      {messages.map((m) => (
        <li key={`${m.direction}-${m.id}`} className={`bubble ${m.direction}`}>
          <span className="muted">{m.direction === 'inbound' ? 'They wrote' : 'We sent'}, {formatShortWhen(m.at, now)}</span>
          <p>{m.body}</p>
        </li>
      ))}
    </ul>
  );
}
