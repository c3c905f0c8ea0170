import type { ExistingRegistration } from '../../../../shared/contract';
import { formatPhone } from '../../../../shared/phone/e164';
import { useAdoptRegistration, useFindExisting } from '../../api/carrier-queries';
import { FormError } from '../../components/form-error';

/** Twilio's brand and campaign statuses in a front-desk worker's words. */
export function registrationStatusWords(status: string): string {
  switch (status.toUpperCase()) {
    case 'APPROVED':
    case 'VERIFIED':
      return 'approved';
    case 'PENDING':
    case 'IN_REVIEW':
    case 'IN_PROGRESS':
      return 'in review';
    case 'FAILED':
      return 'not approved';
    case 'SUSPENDED':
      return 'suspended';
    default:
      return 'status unknown';
  }
}

function Found({ item, onAdopt, busy }: { item: ExistingRegistration; onAdopt(): void; busy: boolean }) {
  return (
    <li className="card stack">
      <strong>{item.friendlyName}</strong>
      <span>Brand: {item.brand ? registrationStatusWords(item.brand.status) : 'none yet'}</span>
      <span>Campaign: {item.campaign ? registrationStatusWords(item.campaign.status) : 'none yet'}</span>
      <span>Numbers: {item.numbers.length > 0 ? item.numbers.map((n) => formatPhone(n, 'US')).join(', ') : 'none yet'}</span>
      <div className="row">
        <button type="button" className="primary" onClick={onAdopt} disabled={busy}>
          Use this registration
        </button>
      </div>
    </li>
  );
}

/** Own Twilio account: find what is already registered there and use it, or say what to do in the Console. */
export function ExistingRegistrationFinder() {
  const find = useFindExisting();
  const adopt = useAdoptRegistration();
  const result = find.data;
  return (
    <div className="stack">
      <div className="row">
        <button type="button" onClick={() => find.mutate(undefined)} disabled={find.isPending}>
          {find.isPending ? 'Looking…' : 'Find my existing registration'}
        </button>
      </div>
      {result && result.found.length > 0 ? (
        <ul className="stack plain-list" aria-label="Registrations found in your Twilio account">
          {result.found.map((item) => (
            <Found
              key={item.messagingServiceSid}
              item={item}
              busy={adopt.isPending}
              onAdopt={() => adopt.mutate({ messagingServiceSid: item.messagingServiceSid })}
            />
          ))}
        </ul>
      ) : null}
      {result && result.found.length === 0 ? <p role="status">Nothing is registered in this Twilio account yet.</p> : null}
      {result?.advice ? (
        <p role="status" className="notice">
          {result.advice}
        </p>
      ) : null}
      {adopt.isSuccess ? (
        <p role="status" className="notice success">
          Done. SMS Desk now uses this registration. Its status below updates by itself.
        </p>
      ) : null}
      <FormError error={find.error ?? adopt.error} />
    </div>
  );
}
