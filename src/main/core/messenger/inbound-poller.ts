import { keywordOf } from '../../../shared/sms/keywords';
import type { CarrierGateway } from '../ports/carrier-gateway';
import type { Clock } from '../ports/clock';
import type { Mode } from '../../../shared/contract';
import type { Storage } from '../ports/storage';
import type { InboundReply } from '../ports/stores/messenger-store';

const DAY_MS = 86_400_000;
/** On the very first check, replies from this far back are fetched. */
const FIRST_LOOKBACK_MS = 7 * DAY_MS;
const PAGE_SIZE = 1000;
/** Read again from the day before the newest reply kept. */
const OVERLAP_MS = DAY_MS;

/** Midnight UTC of the day `at` falls on: Twilio's `DateSent>` takes a date, not a time. */
function utcDayStart(at: number): number {
  return at - (((at % DAY_MS) + DAY_MS) % DAY_MS);
}

export interface InboundConnection {
  gateway: Pick<CarrierGateway, 'listMessages'>;
  /** The texting number replies are sent to. */
  number: string;
}

export interface InboundPollerDeps {
  /** Where replies are kept: `messenger`, and `transaction` so a page and its consent changes commit together. */
  storage: Pick<Storage, 'messenger' | 'transaction'>;
  clock: Clock;
  mode(): Mode;
  /** Null while no texting number is assigned: nothing can arrive yet. */
  connect(mode: Mode): Promise<InboundConnection | null>;
  /**
   * What a STOP or START reply does to the number's consent, inside the page's transaction: `tx`
   * is that transaction's storage, to be passed on (the outer storage would wait for it to end).
   */
  consent: { optOut(phone: string, tx: Storage): Promise<void>; optIn(phone: string, tx: Storage): Promise<void> };
  /** The replies just kept, oldest first. */
  onReceived(replies: readonly InboundReply[]): void;
  logError?: (message: string, error: unknown) => void;
  /** True while someone waits on replies (a send going out, a conversation open): check often. */
  busy?: () => boolean;
  pace?: Partial<PollPace>;
}

/** How often the carrier's log is read: often while busy, seldom while idle, and after a failure (offline). */
export interface PollPace {
  busyMs: number;
  idleMs: number;
  retryMs: number;
}
const DEFAULT_PACE: PollPace = { busyMs: 5_000, idleMs: 30_000, retryMs: 60_000 };

/**
 * Fetches replies from the carrier's message log (a desktop has no public webhook): every few
 * seconds while online, and from where it left off after being offline. Twilio documents the log's
 * `DateSent>` filter as a date (YYYY-MM-DD), so each check reads from the UTC day before the
 * newest reply kept (one day of overlap: a reply stamped late, or a clock near midnight, is not
 * missed) and skips what is already kept by its carrier SID. A pass reads every page before it
 * keeps anything, so a failure on a later page leaves the mark where it was and the next pass
 * reads it all again.
 */
export class InboundPoller {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<number> | null = null;
  private stopped = true;
  private readonly pace: PollPace;

  constructor(private readonly deps: InboundPollerDeps) {
    this.pace = { ...DEFAULT_PACE, ...deps.pace };
  }

  /** Someone just started waiting on replies: the next check comes at the busy pace, not the idle one. */
  hurry(): void {
    if (this.stopped || this.timer === null || this.running !== null) return;
    clearTimeout(this.timer);
    this.schedule(0);
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => 0);
  }

  /** Checks now (waiting for a check already under way); resolves to how many new replies were kept. */
  async checkNow(): Promise<number> {
    if (this.running !== null) await this.running.catch(() => 0);
    this.running = this.check().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.checkNow().then(
        () => this.schedule(this.deps.busy?.() === true ? this.pace.busyMs : this.pace.idleMs),
        (error: unknown) => {
          this.deps.logError?.('checking for replies failed', error);
          this.schedule(this.pace.retryMs);
        },
      );
    }, ms);
    this.timer.unref?.();
  }

  private async check(): Promise<number> {
    const mode = this.deps.mode();
    const connection = await this.deps.connect(mode);
    if (connection === null) return 0;
    const newest = await this.deps.storage.messenger.syncCursor(mode);
    const from = utcDayStart((newest ?? this.deps.clock.now() - FIRST_LOOKBACK_MS) - OVERLAP_MS);
    // Every page first: the mark moves only once the whole pass is in hand.
    const bySid = new Map<string, InboundReply>();
    let token: string | null = null;
    do {
      const page = await connection.gateway.listMessages(token === null ? { to: connection.number, dateSentAfter: from, pageSize: PAGE_SIZE } : { pageToken: token });
      for (const reply of this.repliesIn(page.messages)) bySid.set(reply.sid, reply);
      token = page.nextPageToken;
    } while (token !== null);
    // Oldest first (the log lists newest first): keywords act in the order they arrived, and if a
    // write fails part-way the mark stands at the newest reply kept, with all older ones kept too.
    const replies = [...bySid.values()].sort((a, b) => a.at - b.at);
    const received: InboundReply[] = [];
    for (let i = 0; i < replies.length; i += PAGE_SIZE) received.push(...(await this.keep(mode, replies.slice(i, i + PAGE_SIZE))));
    if (received.length > 0) this.deps.onReceived(received);
    return received.length;
  }

  private repliesIn(messages: Awaited<ReturnType<CarrierGateway['listMessages']>>['messages']): InboundReply[] {
    const replies: InboundReply[] = [];
    for (const message of messages) {
      if (message.direction !== 'inbound' || message.from === null) continue;
      const at = message.dateSent ?? message.dateCreated ?? this.deps.clock.now();
      replies.push({ sid: message.sid, phone: message.from, body: message.body, at, keyword: keywordOf(message.body) });
    }
    return replies;
  }

  /** One transaction per chunk: each new reply, what its keyword does to consent, and the sync cursor. */
  private keep(mode: Mode, replies: InboundReply[]): Promise<InboundReply[]> {
    if (replies.length === 0) return Promise.resolve([]);
    return this.deps.storage.transaction(async (tx) => {
      const kept = await tx.messenger.recordReplies(mode, replies);
      // In the order they arrived: STOP then START leaves the number opted in.
      for (const reply of kept) {
        try {
          if (reply.keyword === 'opt_out') await this.deps.consent.optOut(reply.phone, tx);
          if (reply.keyword === 'opt_in') await this.deps.consent.optIn(reply.phone, tx);
        } catch (error) {
          // The reply is kept either way; one odd sender (a short code) must not stall every check.
          this.deps.logError?.('a keyword reply could not change consent', error);
        }
      }
      return kept;
    });
  }
}
