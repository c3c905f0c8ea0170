import type { CarrierGateway, CarrierMessage } from '../ports/carrier-gateway';
import type { DueMessage } from './outbox-repository';

/**
 * How far before our claim a carrier timestamp may lie and still be ours: Twilio stamps whole
 * seconds, and the two clocks may disagree a little.
 */
const CLOCK_SLACK_MS = 5 * 60_000;
const MAX_PAGES = 10;

/**
 * Looks for the message an in-doubt attempt may have created: same number, same text, created
 * after the claim, not already owned by another outbox row. Twilio has no idempotency key for
 * Messages, so its log is the only witness. Returns the oldest match, or null when none exists.
 */
export async function findSentCopy(gateway: CarrierGateway, row: DueMessage, isTaken: (sid: string) => boolean): Promise<CarrierMessage | null> {
  const since = (row.claimedAt ?? 0) - CLOCK_SLACK_MS;
  const matches: CarrierMessage[] = [];
  let page = await gateway.listMessages({ to: row.to, pageSize: 50 });
  for (let n = 1; ; n += 1) {
    for (const m of page.messages) {
      if (m.direction.startsWith('outbound') && m.body === row.text && (m.dateCreated ?? 0) >= since && !isTaken(m.sid)) matches.push(m);
    }
    // Newest first: once a page reaches back past the claim, older pages cannot hold it.
    const reachedPast = page.messages.some((m) => (m.dateCreated ?? 0) < since);
    if (page.nextPageToken === null || reachedPast) break;
    // Not proven absent: stay in doubt rather than risk a second copy.
    if (n >= MAX_PAGES) throw new Error('carrier log too long to search for an in-doubt message');
    page = await gateway.listMessages({ pageToken: page.nextPageToken });
  }
  matches.sort((a, b) => (a.dateCreated ?? 0) - (b.dateCreated ?? 0));
  return matches[0] ?? null;
}
