import type { ConsentState } from '../contract';

/**
 * Who a reply may go to: a number that texted the business (so there is a conversation to answer)
 * or one that opted in — never one that opted out. Main refuses a reply with this reason, and the
 * conversation shows it in place of the reply box. Null when the reply may go.
 */
export function replyRefusal(consent: ConsentState, textedIn: boolean): string | null {
  if (consent === 'opted_out') return 'This number opted out. It can be texted again only after it replies START.';
  if (consent === 'never' && !textedIn) return 'This number has not texted you and has not opted in, so a reply cannot go to it.';
  return null;
}
