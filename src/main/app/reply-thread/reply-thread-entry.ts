/**
 * The reply thread: reads families' replies from the carrier's log off the main thread, on its
 * own SQLite connection. The network wait, the JSON of every page (a whole day is re-read each
 * pass) and the check of which replies are kept already all happen here; main receives only the
 * replies it has not kept and keeps them (their keywords change consent, which main owns).
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Mode } from '../../../shared/contract';
import { gatewayFromThreadSpec } from '../../adapters/carrier-thread-registry';
import { openConnection } from '../../adapters/sqlite/db';
import { SqliteStorage } from '../../adapters/sqlite/sqlite-storage';
import { readCarrierLog, readFrom } from '../../core/messenger/carrier-log';
import type { CarrierGateway } from '../../core/ports/carrier-gateway';
import type { InboundReply } from '../../core/ports/stores/messenger-store';
import { failureOf, type FromReplyThread, type ReplyConnection, type ReplyThreadStart, type ThreadFailure, type ToReplyThread } from './protocol';

const port = (() => {
  if (parentPort === null) throw new Error('reply-thread-entry runs only as a worker thread');
  return parentPort;
})();
const start = workerData as ReplyThreadStart;
const post = (message: FromReplyThread) => port.postMessage(message);
const storage = new SqliteStorage(openConnection(start.dbFile));
/** Carrier ids looked up per query when sorting out which replies are new. */
const SID_BATCH = 1_000;

let busy = false;
let stopping = false;
let timer: NodeJS.Timeout | null = null;
let running = false;
/** checkNow calls from main waiting for the next pass. */
let requested: number[] = [];

let nextId = 1;
const answers = new Map<number, (message: ToReplyThread) => void>();
function ask(message: (id: number) => FromReplyThread): Promise<ToReplyThread> {
  const id = nextId++;
  return new Promise((resolve) => {
    answers.set(id, resolve);
    post(message(id));
  });
}

let client: { key: string; gateway: CarrierGateway } | null = null;
function gatewayFor(connection: ReplyConnection): CarrierGateway {
  const key = JSON.stringify(connection.carrier);
  if (client?.key !== key) client = { key, gateway: gatewayFromThreadSpec(connection.carrier) };
  return client.gateway;
}

class Failed extends Error {
  constructor(readonly failure: ThreadFailure) {
    super(failure.message);
  }
}

async function newReplies(replies: readonly InboundReply[]): Promise<InboundReply[]> {
  const kept = new Set<string>();
  for (let i = 0; i < replies.length; i += SID_BATCH) {
    for (const sid of await storage.messenger.keptSids(replies.slice(i, i + SID_BATCH).map((r) => r.sid))) kept.add(sid);
  }
  return replies.filter((r) => !kept.has(r.sid));
}

/** One pass: read the log from where it was left, hand main what is new, and say how many it kept. */
async function pass(): Promise<number> {
  const answer = await ask((id) => ({ type: 'connect', id }));
  if (answer.type !== 'connection') throw new Error('the reply thread was answered out of turn');
  if (answer.failure !== undefined) throw new Failed(answer.failure);
  if (answer.connection === null) return 0;
  const mode: Mode = answer.mode;
  const from = readFrom(await storage.messenger.syncCursor(mode), Date.now());
  const fresh = await newReplies(await readCarrierLog(gatewayFor(answer.connection), answer.connection.number, from, Date.now));
  if (fresh.length === 0) return 0;
  const kept = await ask((id) => ({ type: 'replies', id, mode, replies: fresh }));
  if (kept.type !== 'kept') throw new Error('the reply thread was answered out of turn');
  if (kept.failure !== undefined) throw new Failed(kept.failure);
  return kept.count;
}

function schedule(ms: number): void {
  if (stopping) return;
  if (timer !== null) clearTimeout(timer);
  timer = setTimeout(() => void run(), ms);
}

async function run(): Promise<void> {
  if (running || stopping) return;
  running = true;
  timer = null;
  const answering = requested;
  requested = [];
  let next = busy ? start.pace.busyMs : start.pace.idleMs;
  try {
    const received = await pass();
    for (const check of answering.length === 0 ? [null] : answering) post({ type: 'checked', check, received });
  } catch (error) {
    const failure = error instanceof Failed ? error.failure : failureOf(error);
    for (const check of answering.length === 0 ? [null] : answering) post({ type: 'checked', check, received: 0, failure });
    next = start.pace.retryMs;
  } finally {
    running = false;
  }
  if (stopping) return close();
  // A checkNow that arrived during the pass wants a pass that started after it.
  schedule(requested.length > 0 ? 0 : next);
}

function close(): void {
  if (timer !== null) clearTimeout(timer);
  port.close();
}

port.on('message', (message: ToReplyThread) => {
  if (message.type === 'connection' || message.type === 'kept') {
    const answer = answers.get(message.id);
    answers.delete(message.id);
    answer?.(message);
  } else if (message.type === 'check') {
    requested.push(message.id);
    if (!running) schedule(0);
  } else if (message.type === 'busy') {
    const sooner = message.busy && !busy;
    busy = message.busy;
    if (sooner && !running) schedule(0);
  } else if (message.type === 'hurry') {
    if (!running) schedule(0);
  } else if (message.type === 'stop') {
    stopping = true;
    if (!running) close();
  }
});

schedule(0);
