import type { DatabaseSync } from 'node:sqlite';
import { AppError, type messengerChannels, type QueuedSend, type ThreadView } from '../../../shared/contract';
import { CarrierError } from '../ports/carrier-gateway';
import type { Clock } from '../ports/clock';
import type { EventBus } from '../ports/event-bus';
import type { SettingsStore } from '../ports/settings-store';
import type { Caller, Handlers } from '../router';
import type { ConsentService } from '../sending/consent-service';
import type { Mode } from '../../../shared/contract';
import type { SendService } from '../sending/send-service';
import { replyRefusal } from '../../../shared/sms/reply-rule';
import { InboundPoller, type InboundConnection } from './inbound-poller';
import { MessengerRepository } from './messenger-repository';

export interface MessengerModuleDeps {
  db: DatabaseSync;
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
  const repo = new MessengerRepository(deps.db);
  const mode = (): Mode => deps.settings.read().mode;
  // A STOP reply cancels and refunds waiting texts, so sends and credits change too.
  const changed = () => deps.events.emit('data.changed', { areas: ['messenger', 'consent', 'sends', 'credits'] });
  const poller = new InboundPoller({
    db: deps.db,
    repo,
    clock: deps.clock,
    mode,
    connect: deps.connect,
    consent: {
      optOut: (phone) => deps.consent.optOut(phone, 'keyword', null),
      optIn: (phone) => void deps.consent.optIn(phone, 'keyword', null),
    },
    onReceived: changed,
    ...(deps.logError ? { logError: deps.logError } : {}),
    ...(deps.pollIntervalMs === undefined ? {} : { intervalMs: deps.pollIntervalMs }),
  });

  const phoneOf = (raw: string): string => deps.consent.normalize(raw);

  const view = (phone: string): ThreadView => {
    const m = mode();
    const summary = repo.thread(m, phone);
    return {
      phone,
      consent: deps.consent.stateOf(phone),
      handled: summary?.handled ?? false,
      handledBy: summary?.handledBy ?? null,
      handledAt: summary?.handledAt ?? null,
      messages: repo.messages(m, phone),
      notes: repo.notes(m, phone),
    };
  };

  const handlers: Pick<Handlers, keyof typeof messengerChannels> = {
    'messenger.threads': (input) => repo.threads(mode(), input.filter, input.search),
    'messenger.unreadCount': () => ({ unread: repo.unreadTotal(mode()) }),
    'messenger.thread': (input) => view(phoneOf(input.phone)),
    'messenger.markRead': (input) => {
      repo.markRead(mode(), phoneOf(input.phone));
      changed();
      return { unread: repo.unreadTotal(mode()) };
    },
    'messenger.setHandled': (input, ctx) => {
      const phone = phoneOf(input.phone);
      repo.setHandled(mode(), phone, input.handled ? { at: deps.clock.now(), staffId: signedIn(ctx.caller).staffId } : null);
      changed();
      return view(phone);
    },
    'messenger.addNote': (input, ctx) => {
      const phone = phoneOf(input.phone);
      repo.addNote(mode(), phone, signedIn(ctx.caller).staffId, input.body, deps.clock.now());
      changed();
      return view(phone);
    },
    'messenger.reply': (input, ctx): QueuedSend => {
      const caller = signedIn(ctx.caller);
      const phone = phoneOf(input.phone);
      const refusal = replyRefusal(deps.consent.stateOf(phone), repo.hasTextedIn(mode(), phone));
      if (refusal !== null) throw new AppError('FAILED_PRECONDITION', refusal);
      const queued = deps.sends.queueReply(phone, input.body, caller);
      // Answering is handling: the conversation no longer waits, and what was read is read.
      repo.markRead(mode(), phone);
      repo.setHandled(mode(), phone, { at: deps.clock.now(), staffId: caller.staffId });
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

  return { handlers, poller, repo };
}
