import type { CarrierGateway, CarrierMessage } from '../ports/carrier-gateway';
import type { DueMessage } from '../ports/stores/outbox-store';

/**
 * How far before our claim a carrier timestamp may lie and still be ours. Twilio stamps whole
 * seconds, and a front-desk computer's clock can be minutes off, or an hour (a daylight-saving
 * or time-zone mistake). A wider window only risks taking an older identical text to the same
 * number, not already owned by another row, for this one — which sends nothing twice.
 */
export const CLOCK_SKEW_MARGIN_MS = 60 * 60_000;
const MAX_PAGES = 10;

/**
 * Looks for the message an in-doubt attempt may have created: same number, same text, created
 * after the claim (less the clock margin), not already owned by another outbox row. Twilio has
 * no idempotency key for Messages, so its log is the only witness. The window is applied here,
 * on date_created: the list's DateSent filter counts whole days and leaves out a message still
 * queued (it has no date_sent yet). Returns the oldest match, or null when none exists.
 */
export async function findSentCopy(gateway: CarrierGateway, row: DueMessage, isTaken: (sid: string) => Promise<boolean>): Promise<CarrierMessage | null> {
  const since = (row.claimedAt ?? 0) - CLOCK_SKEW_MARGIN_MS;
  const matches: CarrierMessage[] = [];
  let page = await gateway.listMessages({ to: row.to, pageSize: 50 });
  for (let n = 1; ; n += 1) {
    for (const m of page.messages) {
      if (m.direction.startsWith('outbound') && m.body === row.text && (m.dateCreated ?? 0) >= since && !(await isTaken(m.sid))) matches.push(m);
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

/**
 * One empty look-up does not prove a text never reached the carrier: a request the client gave
 * up on can still be applied late, and the carrier's log can list a new message late. A text
 * counts as never sent only when a second look-up, `lookAgainMs` after the first, finds nothing
 * too. That wait is measured on a monotonic clock, so a wall clock set forward cannot shorten
 * it. Kept in memory: after a restart both look-ups happen again, which errs on the safe side.
 */
export class EmptyLookUps {
  private readonly firstAt = new Map<number, number>();

  constructor(
    private readonly lookAgainMs: number,
    private readonly elapsedMs: () => number = () => performance.now(),
  ) {}

  /** After a look-up found nothing: 0 when the text is proven unsent, else how long until the next look. */
  waitBeforeResend(rowId: number): number {
    const now = this.elapsedMs();
    const first = this.firstAt.get(rowId);
    if (first === undefined) {
      this.firstAt.set(rowId, now);
      return this.lookAgainMs;
    }
    const wait = Math.ceil(first + this.lookAgainMs - now);
    if (wait > 0) return wait;
    this.firstAt.delete(rowId);
    return 0;
  }

  /** The text was found: what was looked up before no longer matters. */
  forget(rowId: number): void {
    this.firstAt.delete(rowId);
  }
}
