import type { CarrierGateway } from '../ports/carrier-gateway';
import type { Clock } from '../ports/clock';
import type { Mode } from '../../../shared/contract';
import type { InboundReply } from '../ports/stores/messenger-store';
import { readCarrierLog, readFrom } from './carrier-log';
import { keepReplies, type ReplyKeeperDeps } from './reply-keeper';

export interface InboundConnection {
  gateway: Pick<CarrierGateway, 'listMessages'>;
  /** The texting number replies are sent to. */
  number: string;
}

/** How often the carrier's log is read: often while busy, seldom while idle, and after a failure (offline). */
export interface PollPace {
  busyMs: number;
  idleMs: number;
  retryMs: number;
}
export const DEFAULT_PACE: PollPace = { busyMs: 5_000, idleMs: 30_000, retryMs: 60_000 };

/** What reads replies from the carrier, here on main (InboundPoller) or in a thread of its own (app/reply-thread). */
export interface ReplyReader {
  start(): void;
  stop(): Promise<void>;
  /** Checks now (waiting for a check already under way); resolves to how many new replies were kept. */
  checkNow(): Promise<number>;
  /** Someone just started waiting on replies: the next check comes now, then at the busy pace. */
  hurry(): void;
}

/** What every reply reader is handed by the Messenger Center. */
export interface ReplyReaderHooks {
  mode(): Mode;
  /** Keeps replies (oldest first) with what their keywords do; resolves to the ones that were new. */
  keep(mode: Mode, replies: readonly InboundReply[]): Promise<InboundReply[]>;
  /** The replies just kept, oldest first. */
  onReceived(replies: readonly InboundReply[]): void;
  /** True while someone waits on replies (a send going out, a conversation open): check often. */
  busy(): boolean;
  logError?: (message: string, error: unknown) => void;
}

export interface InboundPollerDeps extends ReplyKeeperDeps {
  clock: Clock;
  mode(): Mode;
  /** Null while no texting number is assigned: nothing can arrive yet. */
  connect(mode: Mode): Promise<InboundConnection | null>;
  onReceived(replies: readonly InboundReply[]): void;
  busy?: () => boolean;
  pace?: Partial<PollPace>;
}

/**
 * Fetches replies from the carrier's message log (a desktop has no public webhook) on the thread
 * it runs in: every few seconds while someone waits on replies, less often while idle, and from
 * where it left off after being offline or closed (carrier-log.ts). A pass reads every page before
 * it keeps anything, so a failure on a later page leaves the mark where it was and the next pass
 * reads it all again. The app runs the same pass in a thread of its own (app/reply-thread).
 */
export class InboundPoller implements ReplyReader {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<number> | null = null;
  private stopped = true;
  private readonly pace: PollPace;

  constructor(private readonly deps: InboundPollerDeps) {
    this.pace = { ...DEFAULT_PACE, ...deps.pace };
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

  hurry(): void {
    if (this.stopped || this.timer === null || this.running !== null) return;
    clearTimeout(this.timer);
    this.schedule(0);
  }

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
    const from = readFrom(await this.deps.storage.messenger.syncCursor(mode), this.deps.clock.now());
    const replies = await readCarrierLog(connection.gateway, connection.number, from, () => this.deps.clock.now());
    const received = await keepReplies(this.deps, mode, replies);
    if (received.length > 0) this.deps.onReceived(received);
    return received.length;
  }
}
