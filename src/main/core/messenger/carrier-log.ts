import { keywordOf } from '../../../shared/sms/keywords';
import type { CarrierGateway } from '../ports/carrier-gateway';
import type { InboundReply } from '../ports/stores/messenger-store';

const DAY_MS = 86_400_000;
/** On the very first check, replies from this far back are fetched. */
const FIRST_LOOKBACK_MS = 7 * DAY_MS;
export const LOG_PAGE_SIZE = 1000;
/** Read again from the day before the newest reply kept. */
const OVERLAP_MS = DAY_MS;

/** Midnight UTC of the day `at` falls on: Twilio's `DateSent>` takes a date, not a time. */
function utcDayStart(at: number): number {
  return at - (((at % DAY_MS) + DAY_MS) % DAY_MS);
}

/**
 * Where a pass starts reading the carrier's log: Twilio documents its `DateSent>` filter as a
 * date (YYYY-MM-DD), so from the UTC day before the newest reply kept (one day of overlap: a reply
 * stamped late, or a clock near midnight, is not missed); a week back before the first.
 */
export function readFrom(newestKept: number | null, now: number): number {
  return utcDayStart((newestKept ?? now - FIRST_LOOKBACK_MS) - OVERLAP_MS);
}

/**
 * Every family's text to `number` in the carrier's log from `from` on, every page read before
 * any is returned (a failure on a later page returns nothing), oldest first (the log lists newest
 * first): keywords act in the order they arrived.
 */
export async function readCarrierLog(gateway: Pick<CarrierGateway, 'listMessages'>, number: string, from: number, now: () => number): Promise<InboundReply[]> {
  const bySid = new Map<string, InboundReply>();
  let token: string | null = null;
  do {
    const page = await gateway.listMessages(token === null ? { to: number, dateSentAfter: from, pageSize: LOG_PAGE_SIZE } : { pageToken: token });
    for (const message of page.messages) {
      if (message.direction !== 'inbound' || message.from === null) continue;
      const at = message.dateSent ?? message.dateCreated ?? now();
      bySid.set(message.sid, { sid: message.sid, phone: message.from, body: message.body, at, keyword: keywordOf(message.body) });
    }
    token = page.nextPageToken;
  } while (token !== null);
  return [...bySid.values()].sort((a, b) => a.at - b.at);
}
