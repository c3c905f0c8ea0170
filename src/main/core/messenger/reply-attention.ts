import type { EventPayload } from '../../../shared/contract';
import type { Caller } from '../router';
import type { EventBus, LocalEventBus } from '../ports/event-bus';
import type { SettingsStore } from '../ports/settings-store';
import type { Storage } from '../ports/storage';
import { replyNotice, type ArrivedReply } from './reply-notice';

/** A notice names a few conversations at most; more arriving at once are summed up. */
const MAX_NAMED = 20;
/** At most one notice this often: replies arriving meanwhile are summed up in the next one. */
const NOTICE_GAP_MS = 5_000;
/** Replies counted for the next notice, at most (a long catch-up says "10,000 new replies" at most). */
const MAX_PENDING = 10_000;

export interface ReplyAttentionDeps {
  events: EventBus;
  /** Windows or tabs with someone signed in. */
  sessions(): readonly string[];
  /** Who is at a session now (locked or not), or null. Never counts as activity. */
  callerFor(sessionId: string): Promise<Caller | null>;
  /** The latest reply of each of these conversations, as kept. */
  latestReplies(phones: readonly string[]): Promise<Record<string, string>>;
  /** The contacts using each number (one read for all of them). */
  namesByPhone(phones: readonly string[]): Promise<Record<string, string[]>>;
  country(): string;
  logError?: (message: string, error: unknown) => void;
}

/**
 * Tells each signed-in window with Messenger Center access that replies arrived, in the words
 * its desk may show: names always, the message only while that desk is unlocked (reply-notice.ts).
 * The event goes to that window's session alone, so a locked desk never receives a message's words.
 */
export class ReplyAttention {
  constructor(private readonly deps: ReplyAttentionDeps) {}

  async announce(arrived: ReadonlyArray<{ phone: string; at: number }>): Promise<void> {
    if (arrived.length === 0) return;
    try {
      // Only the newest reply's words and the latest two names are ever shown; the rest are counted.
      const phones = [...new Set(arrived.slice(-MAX_NAMED).map((reply) => reply.phone))];
      const [bodies, names] = await Promise.all([this.deps.latestReplies(phones), this.deps.namesByPhone(phones)]);
      const replies: ArrivedReply[] = arrived.map((reply) => ({ ...reply, body: bodies[reply.phone] ?? '' }));
      for (const sessionId of this.deps.sessions()) {
        const caller = await this.deps.callerFor(sessionId);
        if (caller === null || !caller.permissions.includes('messengerCenter')) continue;
        const notice = replyNotice(replies, names, { locked: caller.locked }, this.deps.country());
        if (notice !== null) this.deps.events.emit('messenger.notice', notice, sessionId);
      }
    } catch (error) {
      // A notice is a courtesy: the badge and the list still show the replies.
      this.deps.logError?.('could not announce new replies', error);
    }
  }
}

export interface AttentionWiring {
  events: LocalEventBus;
  storage: Pick<Storage, 'messenger' | 'contacts'>;
  settings: SettingsStore;
  staff: { signedInSessions(): readonly string[]; callerFor(sessionId: string): Promise<Caller | null> };
  logError?: (message: string, error: unknown) => void;
}

/** Announces the replies of every messenger.changed that brought some; returns the way to stop. */
export function watchReplyAttention(wiring: AttentionWiring): () => void {
  const mode = () => wiring.settings.read().mode;
  const attention = new ReplyAttention({
    events: wiring.events,
    sessions: () => wiring.staff.signedInSessions(),
    callerFor: (sessionId) => wiring.staff.callerFor(sessionId),
    latestReplies: async (phones) => {
      const bodies: Record<string, string> = {};
      for (const phone of phones) {
        const thread = await wiring.storage.messenger.thread(mode(), phone);
        if (thread !== null) bodies[phone] = thread.lastBody;
      }
      return bodies;
    },
    namesByPhone: (phones) => wiring.storage.contacts.namesByPhone(phones),
    country: () => wiring.settings.read().country,
    ...(wiring.logError ? { logError: wiring.logError } : {}),
  });
  // A catch-up after the desk was closed keeps replies page by page: they make one notice, not one a page.
  let pending: Array<{ phone: string; at: number }> = [];
  let timer: ReturnType<typeof setTimeout> | null = null;
  let last = Number.NEGATIVE_INFINITY;
  const flush = () => {
    timer = null;
    last = Date.now();
    const batch = pending;
    pending = [];
    void attention.announce(batch);
  };
  const stop = wiring.events.subscribe((event, payload) => {
    if (event !== 'messenger.changed') return;
    const { arrived } = payload as EventPayload<'messenger.changed'>;
    if (arrived.length === 0) return;
    pending = [...pending, ...arrived].slice(-MAX_PENDING);
    if (timer !== null) return;
    const wait = last + NOTICE_GAP_MS - Date.now();
    if (wait <= 0) flush();
    else {
      timer = setTimeout(flush, wait);
      timer.unref?.();
    }
  });
  return () => {
    stop();
    if (timer !== null) clearTimeout(timer);
  };
}
