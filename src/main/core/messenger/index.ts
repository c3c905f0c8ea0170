import { AppError, MESSAGE_PAGE_SIZE, type messengerChannels, type QueuedSend, type ThreadSummary, type ThreadView } from '../../../shared/contract';
import { CarrierError } from '../ports/carrier-gateway';
import type { Clock } from '../ports/clock';
import type { EventBus } from '../ports/event-bus';
import type { SettingsStore } from '../ports/settings-store';
import type { Storage } from '../ports/storage';
import type { InboundReply, ThreadRecord } from '../ports/stores/messenger-store';
import type { Caller, Handlers } from '../router';
import type { ConsentService } from '../sending/consent-service';
import type { Mode } from '../../../shared/contract';
import type { SendService } from '../sending/send-service';
import { replyRefusal } from '../../../shared/sms/reply-rule';
import { assignmentRefusal } from './assignment';
import { bothSides, messageCursor, searchCursor, searchDigits, searchWords, snippetParts, threadCursor } from './conversation';
import { InboundPoller, type InboundConnection, type PollPace, type ReplyReader, type ReplyReaderHooks } from './inbound-poller';
import { keepReplies, type ReplyKeeperDeps } from './reply-keeper';

export interface MessengerModuleDeps {
  storage: Storage;
  settings: SettingsStore;
  clock: Clock;
  events: EventBus;
  sends: SendService;
  consent: ConsentService;
  connect(mode: Mode): Promise<InboundConnection | null>;
  /** Sandbox only: hands the simulator a reply as if a family texted it. */
  simulateReply?(mode: Mode, from: string, to: string, body: string): Promise<void>;
  /** True while a send is going out: replies are checked for often then. */
  sending?: () => boolean;
  logError?: (message: string, error: unknown) => void;
  pace?: Partial<PollPace>;
  /** Where replies are read from the carrier: by default here, on this thread (the app gives it a thread of its own). */
  replyReader?: (hooks: ReplyReaderHooks) => ReplyReader;
}

/** A carrier failure as the screen should say it: offline, or what the carrier refused. */
async function carrierCall<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof CarrierError) throw new AppError(error.code === null ? 'OFFLINE' : 'CARRIER_ERROR', error.userMessage, { code: error.code });
    throw error;
  }
}

function signedIn(caller: Caller | null): Caller {
  if (caller === null) throw new AppError('NOT_SIGNED_IN', 'Sign in first.');
  return caller;
}

/** How long a "this conversation is open" from the screen counts without being said again. */
const VIEWING_LAPSES_MS = 120_000;
/** At most this many numbers are named in one change event; more and the screen refreshes its list. */
const MAX_PHONES_NAMED = 200;

/** The Messenger Center: replies fetched from the carrier, one conversation per number, answered in place. */
export function createMessengerModule(deps: MessengerModuleDeps) {
  const store = deps.storage.messenger;
  const mode = (): Mode => deps.settings.read().mode;
  let viewingUntil = 0;

  /** Tells the screens which conversations changed and the new unread total: they refetch only those. */
  const changed = async (phones: readonly string[], arrived: readonly InboundReply[] = []) => {
    const unique = [...new Set(phones)];
    const many = unique.length > MAX_PHONES_NAMED;
    deps.events.emit('messenger.changed', {
      phones: many ? [] : unique,
      many,
      unread: await store.unreadTotal(mode()),
      arrived: arrived.slice(-50).map((r) => ({ phone: r.phone, at: r.at })),
    });
  };
  const received = (replies: readonly InboundReply[]) => {
    // A STOP reply cancels and refunds waiting texts, so sends, credits and consent change too.
    if (replies.some((r) => r.keyword !== null)) deps.events.emit('data.changed', { areas: ['consent', 'sends', 'credits'] });
    void changed(replies.map((r) => r.phone), replies).catch((error: unknown) => deps.logError?.('could not announce new replies', error));
  };

  const keeper: ReplyKeeperDeps = {
    storage: deps.storage,
    // Handed the chunk's `tx`, the consent change joins its open transaction (as a savepoint).
    consent: {
      optOut: async (phone, tx) => void (await deps.consent.optOut(phone, 'keyword', null, tx)),
      optIn: async (phone, tx) => void (await deps.consent.optIn(phone, 'keyword', null, tx)),
    },
    ...(deps.logError ? { logError: deps.logError } : {}),
  };
  const hooks: ReplyReaderHooks = {
    mode,
    keep: (m, replies) => keepReplies(keeper, m, replies),
    onReceived: received,
    busy: () => deps.clock.now() < viewingUntil || (deps.sending?.() ?? false),
    ...(deps.logError ? { logError: deps.logError } : {}),
  };
  const poller: ReplyReader = deps.replyReader?.(hooks) ?? new InboundPoller({
    ...keeper,
    clock: deps.clock,
    mode,
    connect: deps.connect,
    onReceived: received,
    busy: hooks.busy,
    ...(deps.pace ? { pace: deps.pace } : {}),
  });

  const phoneOf = (raw: string): string => deps.consent.normalize(raw);

  /** Contact names for a page of numbers: one question to the contact book, not one per row. */
  const withNames = async <T extends { phone: string }>(rows: readonly T[]): Promise<Array<T & { names: string[] }>> => {
    const names = rows.length === 0 ? {} : await deps.storage.contacts.namesByPhone(rows.map((r) => r.phone));
    return rows.map((r) => ({ ...r, names: names[r.phone] ?? [] }));
  };

  const view = async (phone: string, before: string | null = null, limit = MESSAGE_PAGE_SIZE): Promise<ThreadView> => {
    const m = mode();
    const cursor = messageCursor.decode(before);
    const summary: ThreadRecord | null = await store.thread(m, phone);
    const page = bothSides(await store.replies(m, phone, cursor, limit + 1), await store.sentTexts(m, phone, cursor, limit + 1), limit);
    const [named] = await withNames([{ phone }]);
    return {
      phone,
      names: named?.names ?? [],
      consent: await deps.consent.stateOf(phone),
      handled: summary?.handled ?? false,
      handledBy: summary?.handledBy ?? null,
      handledAt: summary?.handledAt ?? null,
      assignedTo: summary?.assignedTo ?? null,
      messages: page.messages,
      olderCursor: page.older === null ? null : messageCursor.encode(page.older),
      notes: await store.notes(m, phone),
    };
  };

  const handlers: Pick<Handlers, keyof typeof messengerChannels> = {
    'messenger.threads': async (input, ctx) => {
      const words = searchDigits(input.search) === '' ? searchWords(input.search) : [];
      // Typed, but nothing in it to find (only "%" or quotes): nothing matches, rather than everything.
      if (input.search.trim() !== '' && words.length === 0 && searchDigits(input.search) === '') return { threads: [], nextCursor: null, total: 0 };
      const page = await store.threads(
        mode(),
        { filter: input.filter, staffId: signedIn(ctx.caller).staffId, words, phoneDigits: searchDigits(input.search) },
        threadCursor.decode(input.cursor),
        input.limit,
      );
      const threads: ThreadSummary[] = await withNames(page.threads);
      return { threads, nextCursor: page.next === null ? null : threadCursor.encode(page.next), total: page.total };
    },
    'messenger.search': async (input) => {
      const words = searchWords(input.query);
      const records = await store.search(mode(), { words, phoneDigits: searchDigits(input.query) }, searchCursor.decode(input.cursor), input.limit);
      const hits = await withNames(records);
      const last = records.at(-1)?.cursor ?? null;
      return {
        hits: hits.map((h) => ({ phone: h.phone, names: h.names, direction: h.direction, messageId: h.messageId, at: h.at, snippet: snippetParts(h.body, words) })),
        nextCursor: records.length >= input.limit && last !== null ? searchCursor.encode(last) : null,
      };
    },
    'messenger.unreadCount': async () => ({ unread: await store.unreadTotal(mode()) }),
    'messenger.thread': (input) => view(phoneOf(input.phone), input.before, input.limit),
    'messenger.markRead': async (input) => {
      const m = mode();
      const phone = phoneOf(input.phone);
      await store.markRead(m, phone);
      await changed([phone]);
      return { unread: await store.unreadTotal(m) };
    },
    'messenger.setHandled': async (input, ctx) => {
      const phone = phoneOf(input.phone);
      await store.setHandled(mode(), phone, input.handled ? { at: deps.clock.now(), staffId: signedIn(ctx.caller).staffId } : null);
      await changed([phone]);
      return view(phone);
    },
    'messenger.assign': async (input, ctx) => {
      const caller = signedIn(ctx.caller);
      const phone = phoneOf(input.phone);
      const m = mode();
      const thread = await store.thread(m, phone);
      if (thread === null) throw new AppError('NOT_FOUND', 'This number has not texted in yet, so there is no conversation to give.');
      const target = input.staffId === null ? null : await deps.storage.staff.find(input.staffId);
      const refusal = assignmentRefusal(caller, thread.assignedTo?.id ?? null, target, input.staffId);
      if (refusal !== null) throw refusal;
      await store.assign(m, phone, input.staffId === null ? null : { staffId: input.staffId, at: deps.clock.now() });
      await changed([phone]);
      return view(phone);
    },
    'messenger.assignees': async () => ({
      staff: (await deps.storage.staff.list())
        .filter((s) => s.active && s.permissions.includes('messengerCenter'))
        .map((s) => ({ id: s.id, name: s.name })),
    }),
    'messenger.addNote': async (input, ctx) => {
      const phone = phoneOf(input.phone);
      await store.addNote(mode(), phone, { staffId: signedIn(ctx.caller).staffId, body: input.body, at: deps.clock.now() });
      await changed([phone]);
      return view(phone);
    },
    'messenger.reply': async (input, ctx): Promise<QueuedSend> => {
      const caller = signedIn(ctx.caller);
      const phone = phoneOf(input.phone);
      const m = mode();
      const refusal = replyRefusal(await deps.consent.stateOf(phone), await store.hasTextedIn(m, phone));
      if (refusal !== null) throw new AppError('FAILED_PRECONDITION', refusal);
      const queued = await deps.sends.queueReply(phone, input.body, caller);
      // Answering is handling: the conversation no longer waits, and what was read is read.
      await deps.storage.transaction(async (tx) => {
        await tx.messenger.markRead(m, phone);
        await tx.messenger.setHandled(m, phone, { at: deps.clock.now(), staffId: caller.staffId });
      });
      await changed([phone]);
      return queued;
    },
    'messenger.checkNow': async () => ({ received: await carrierCall(poller.checkNow()) }),
    'messenger.viewing': (input) => {
      viewingUntil = input.phone === null ? 0 : deps.clock.now() + VIEWING_LAPSES_MS;
      // Sooner rather than at the idle pace: someone is waiting on this conversation.
      if (input.phone !== null) poller.hurry();
      return Promise.resolve({});
    },
    'messenger.simulateReply': async (input) => {
      const m = mode();
      if (m !== 'sandbox' || deps.simulateReply === undefined) {
        throw new AppError('FAILED_PRECONDITION', 'Replies can only be simulated in Sandbox mode.');
      }
      const connection = await deps.connect(m);
      if (connection === null) throw new AppError('FAILED_PRECONDITION', 'Register a phone number in Settings → SMS first: replies come to it.');
      await deps.simulateReply(m, phoneOf(input.from), connection.number, input.body);
      return { received: await carrierCall(poller.checkNow()) };
    },
  };

  return { handlers, poller };
}
