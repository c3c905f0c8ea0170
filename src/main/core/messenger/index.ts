import { AppError, MAX_THREAD_MESSAGES, MAX_THREADS_LISTED, type messengerChannels, type QueuedSend, type ThreadView } from '../../../shared/contract';
import { CarrierError } from '../ports/carrier-gateway';
import type { Clock } from '../ports/clock';
import type { EventBus } from '../ports/event-bus';
import type { SettingsStore } from '../ports/settings-store';
import type { Storage } from '../ports/storage';
import type { Caller, Handlers } from '../router';
import type { ConsentService } from '../sending/consent-service';
import type { Mode } from '../../../shared/contract';
import type { SendService } from '../sending/send-service';
import { replyRefusal } from '../../../shared/sms/reply-rule';
import { bothSides, threadQuery } from './conversation';
import { InboundPoller, type InboundConnection } from './inbound-poller';

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
  logError?: (message: string, error: unknown) => void;
  pollIntervalMs?: number;
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

/** The Messenger Center: replies fetched from the carrier, one conversation per number, answered in place. */
export function createMessengerModule(deps: MessengerModuleDeps) {
  const store = deps.storage.messenger;
  const mode = (): Mode => deps.settings.read().mode;
  // A STOP reply cancels and refunds waiting texts, so sends and credits change too.
  const changed = () => deps.events.emit('data.changed', { areas: ['messenger', 'consent', 'sends', 'credits'] });
  const poller = new InboundPoller({
    storage: deps.storage,
    clock: deps.clock,
    mode,
    connect: deps.connect,
    // Handed the page's `tx`, the consent change joins its open transaction (as a savepoint).
    consent: {
      optOut: async (phone, tx) => void (await deps.consent.optOut(phone, 'keyword', null, tx)),
      optIn: async (phone, tx) => void (await deps.consent.optIn(phone, 'keyword', null, tx)),
    },
    onReceived: changed,
    ...(deps.logError ? { logError: deps.logError } : {}),
    ...(deps.pollIntervalMs === undefined ? {} : { intervalMs: deps.pollIntervalMs }),
  });

  const phoneOf = (raw: string): string => deps.consent.normalize(raw);

  const view = async (phone: string): Promise<ThreadView> => {
    const m = mode();
    const summary = await store.thread(m, phone);
    return {
      phone,
      consent: await deps.consent.stateOf(phone),
      handled: summary?.handled ?? false,
      handledBy: summary?.handledBy ?? null,
      handledAt: summary?.handledAt ?? null,
      messages: bothSides(await store.replies(m, phone, MAX_THREAD_MESSAGES), await deps.storage.outbox.textsSentTo(m, phone, MAX_THREAD_MESSAGES)),
      notes: await store.notes(m, phone),
    };
  };

  const handlers: Pick<Handlers, keyof typeof messengerChannels> = {
    'messenger.threads': (input) => store.threads(mode(), threadQuery(input.filter, input.search), MAX_THREADS_LISTED),
    'messenger.unreadCount': async () => ({ unread: await store.unreadTotal(mode()) }),
    'messenger.thread': (input) => view(phoneOf(input.phone)),
    'messenger.markRead': async (input) => {
      const m = mode();
      await store.markRead(m, phoneOf(input.phone));
      changed();
      return { unread: await store.unreadTotal(m) };
    },
    'messenger.setHandled': async (input, ctx) => {
      const phone = phoneOf(input.phone);
      await store.setHandled(mode(), phone, input.handled ? { at: deps.clock.now(), staffId: signedIn(ctx.caller).staffId } : null);
      changed();
      return view(phone);
    },
    'messenger.addNote': async (input, ctx) => {
      const phone = phoneOf(input.phone);
      await store.addNote(mode(), phone, { staffId: signedIn(ctx.caller).staffId, body: input.body, at: deps.clock.now() });
      changed();
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
      changed();
      return queued;
    },
    'messenger.checkNow': async () => ({ received: await carrierCall(poller.checkNow()) }),
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
