import type { EventPayload } from '../../../shared/contract';
import type { Caller } from '../router';
import type { EventBus, LocalEventBus } from '../ports/event-bus';
import type { SettingsStore } from '../ports/settings-store';
import type { Storage } from '../ports/storage';
import { replyNotice, type ArrivedReply } from './reply-notice';

/** A notice names a few conversations at most; more arriving at once are summed up. */
const MAX_NAMED = 20;

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
      const recent = arrived.slice(-MAX_NAMED);
      const phones = [...new Set(recent.map((reply) => reply.phone))];
      const [bodies, names] = await Promise.all([this.deps.latestReplies(phones), this.deps.namesByPhone(phones)]);
      // Only the newest reply's words are ever shown; the others are counted.
      const replies: ArrivedReply[] = recent.map((reply) => ({ ...reply, body: bodies[reply.phone] ?? '' }));
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
  return wiring.events.subscribe((event, payload) => {
    if (event === 'messenger.changed') void attention.announce((payload as EventPayload<'messenger.changed'>).arrived);
  });
}
