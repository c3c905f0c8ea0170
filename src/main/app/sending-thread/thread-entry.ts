/**
 * The sending thread: the dispatcher, its own SQLite connection and its own twilio client, off
 * the main thread. Building requests, parsing responses, fsyncs and the SDK's garbage all cost
 * time here instead of in the thread that answers windows. The outbox file is the only shared
 * state; main queues texts into it and this thread drains it.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { AppError, type Mode } from '../../../shared/contract';
import { openConnection } from '../../adapters/sqlite/db';
import { gatewayFromThreadSpec } from '../../adapters/carrier-thread-registry';
import { CarrierNotReady, type CarrierGateway } from '../../core/ports/carrier-gateway';
import { systemClock } from '../../core/ports/clock';
import { Dispatcher, type SendingCarrier } from '../../core/sending/dispatcher';
import { ChangeCollector, type EngineChange } from '../../core/sending/engine-change';
import { SendWriter } from '../../core/sending/send-writer';
import { SqliteStorage } from '../../adapters/sqlite/sqlite-storage';
import type { FromThread, ThreadConnection, ThreadStartData, ToThread } from './protocol';
import { IdleCollector, fullCollection, idleGcMs } from './idle-collector';
import { warmParser } from './parser-warm-up';
import { setSendingThreadPriority } from './thread-priority';
import { RecipientReader } from '../../core/sending/recipient-reader';
import { SplitListParser } from './recipient-reader';

/** Credentials and the sending number are asked for again after this, so a change applies soon. */
const CONNECTION_TTL_MS = 5_000;
/** "Something changed" reaches main at most this often; the UI refreshes a few times a second. */
const CHANGE_GAP_MS = 100;

// Its nice value, and why: thread-priority.ts.
setSendingThreadPriority();

const port = parentPort;
if (port === null) throw new Error('thread-entry runs only as a worker thread');
const start = workerData as ThreadStartData;
const post = (message: FromThread) => port.postMessage(message);

const db = openConnection(start.dbFile);
// Its own Storage on its own connection: main's transactions and this thread's never share one.
const storage = new SqliteStorage(db);
let pacing = start.pacing;
/** Big recipient lists are read here for main, parsed with a helper thread; the last list's parse is kept. */
const listParser = new SplitListParser({ logError: (message) => post({ type: 'error', message }) });
listParser.start();
const recipients = new RecipientReader(storage.consent, listParser.parse);

let nextRequest = 1;
const waiting = new Map<number, { resolve(c: ThreadConnection): void; reject(e: unknown): void }>();
const connections = new Map<Mode, { at: number; result: Promise<ThreadConnection> }>();
const clients = new Map<string, CarrierGateway>();

function askMain(mode: Mode): Promise<ThreadConnection> {
  const cached = connections.get(mode);
  if (cached !== undefined && systemClock.now() - cached.at < CONNECTION_TTL_MS) return cached.result;
  const id = nextRequest++;
  const result = new Promise<ThreadConnection>((resolve, reject) => waiting.set(id, { resolve, reject }));
  connections.set(mode, { at: systemClock.now(), result });
  // A refusal ("register a number first") is not cached beyond this request.
  result.catch(() => connections.delete(mode));
  post({ type: 'connect', id, mode });
  return result;
}

const carrier: SendingCarrier = {
  async connect(mode) {
    const c = await askMain(mode);
    const key = JSON.stringify(c.carrier);
    let gateway = clients.get(key);
    if (gateway === undefined) {
      gateway = gatewayFromThreadSpec(c.carrier);
      clients.clear(); // old credentials are not kept around
      clients.set(key, gateway);
    }
    return { gateway, messagingServiceSid: c.messagingServiceSid };
  },
};

// A send's garbage is collected once the thread has been quiet a while (idle-collector.ts).
const idleCollector = new IdleCollector(fullCollection(), idleGcMs(), warmParser);
// The first big list after start-up finds the parser warm too.
setImmediate(warmParser);
let changeTimer: NodeJS.Timeout | null = null;
/** What the rounds changed since the last message: main tells the windows only that. */
const changes = new ChangeCollector();
function changedSoon(change: EngineChange): void {
  changes.add(change);
  changeTimer ??= setTimeout(() => {
    changeTimer = null;
    idleCollector.activity();
    post({ type: 'changed', status: dispatcher.status(), change: changes.take() });
  }, CHANGE_GAP_MS);
}

const dispatcher = new Dispatcher(storage, new SendWriter(storage), carrier, systemClock, { optOut: (phone) => post({ type: 'optOut', phone }) }, {
  ...start.tuning,
  messagesPerSecond: () => pacing.messagesPerSecond,
  availableHours: () => pacing.availableHours,
  onChange: changedSoon,
  logError: (message, error) => post({ type: 'error', message: `${message}: ${error instanceof Error ? error.message : String(error)}` }),
});

port.on('message', (message: ToThread) => {
  switch (message.type) {
    case 'notify':
      dispatcher.notify();
      return;
    case 'pacing':
      pacing = message.pacing;
      dispatcher.notify();
      return;
    case 'connection': {
      const request = waiting.get(message.id);
      waiting.delete(message.id);
      if (message.result.ok) request?.resolve(message.result.connection);
      else {
        const { notSetUp, code, message: text } = message.result;
        request?.reject(notSetUp ? new CarrierNotReady(text) : new AppError(code, text));
      }
      return;
    }
    case 'readRecipients': {
      const { id } = message;
      recipients.read(message.raws, message.country).then(
        (facts) => {
          post({ type: 'recipientsRead', id, facts });
          // A big list leaves garbage too: collected once the thread is quiet.
          idleCollector.activity();
        },
        (error: unknown) => {
          post({ type: 'error', message: `reading a recipient list: ${error instanceof Error ? error.message : String(error)}` });
          post({ type: 'recipientsRead', id, facts: null });
        },
      );
      return;
    }
    case 'stop':
      void dispatcher.stop().then(() => {
        if (changeTimer !== null) clearTimeout(changeTimer);
        idleCollector.stop();
        void listParser.stop();
        db.close();
        post({ type: 'stopped' });
        port.close();
      });
      return;
  }
});

dispatcher.start();
