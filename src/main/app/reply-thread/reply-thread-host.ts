import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Mode } from '../../../shared/contract';
import { DEFAULT_PACE, type PollPace, type ReplyReader, type ReplyReaderHooks } from '../../core/messenger/inbound-poller';
import { CarrierError, type CarrierErrorKind } from '../../core/ports/carrier-gateway';
import { failureOf, type FromReplyThread, type ReplyConnection, type ThreadFailure, type ToReplyThread } from './protocol';

export interface ReplyThreadOptions {
  dbFile: string;
  hooks: ReplyReaderHooks;
  /** How the thread reaches the carrier in this mode; null while no texting number is assigned. */
  connection(mode: Mode): Promise<ReplyConnection | null>;
  pace?: Partial<PollPace>;
  /** The worker script; default: the built bundle next to this code, else reply-thread-entry.ts via tsx. */
  script?: string;
}

/** Main tells the thread when someone starts or stops waiting on replies, checked this often. */
const BUSY_CHECK_MS = 1_000;
const RESTART_DELAY_MS = 1_000;
const MAX_RESTART_DELAY_MS = 60_000;
const STOP_TIMEOUT_MS = 10_000;

function threadScript(): { file: string; execArgv: string[] } {
  // The bundler may place this code in out/main or in out/main/chunks.
  for (const built of [join(__dirname, 'reply-thread.js'), join(__dirname, '..', 'reply-thread.js')]) {
    if (existsSync(built)) return { file: built, execArgv: [] };
  }
  return { file: join(__dirname, 'reply-thread-entry.ts'), execArgv: ['--import', 'tsx'] };
}

/** A failure from the thread as the screen expects it: a carrier refusal stays a CarrierError. */
function rebuild(failure: ThreadFailure): Error {
  if (failure.carrier === null) return new Error(failure.message);
  const { kind, code, httpStatus, userMessage } = failure.carrier;
  return new CarrierError({ kind: kind as CarrierErrorKind, code, httpStatus, detail: failure.message, userMessage });
}

/**
 * Reads replies from the carrier in a worker thread of its own (reply-thread-entry.ts), so a slow
 * carrier or a catch-up of thousands never holds up the main thread: main only keeps the replies
 * the thread found new, a few hundred per transaction. The pace follows main: often while a send
 * goes out or a conversation is open, seldom while idle. A thread that dies is started again.
 */
export class ReplyThread implements ReplyReader {
  private worker: Worker | null = null;
  private stopping = false;
  private restartDelayMs = RESTART_DELAY_MS;
  private busyTimer: NodeJS.Timeout | null = null;
  private lastBusy = false;
  private nextCheck = 1;
  private readonly checks = new Map<number, { resolve(received: number): void; reject(error: unknown): void }>();

  constructor(private readonly o: ReplyThreadOptions) {}

  start(): void {
    if (this.worker !== null) return;
    this.stopping = false;
    const script = this.o.script === undefined ? threadScript() : { file: this.o.script, execArgv: [] };
    const worker = new Worker(script.file, { execArgv: script.execArgv, workerData: { dbFile: this.o.dbFile, pace: { ...DEFAULT_PACE, ...this.o.pace } } });
    this.worker = worker;
    worker.on('message', (message: FromReplyThread) => void this.receive(message));
    worker.on('error', (error) => this.o.hooks.logError?.('the reply thread failed', error));
    worker.on('exit', () => {
      this.worker = null;
      for (const check of this.checks.values()) check.reject(new Error('the reply thread stopped'));
      this.checks.clear();
      if (this.stopping) return;
      setTimeout(() => {
        if (!this.stopping) this.start();
      }, this.restartDelayMs).unref();
      this.restartDelayMs = Math.min(MAX_RESTART_DELAY_MS, this.restartDelayMs * 2);
    });
    this.lastBusy = this.o.hooks.busy();
    this.send({ type: 'busy', busy: this.lastBusy });
    this.busyTimer ??= setInterval(() => this.pushBusy(), BUSY_CHECK_MS);
    this.busyTimer.unref();
  }

  checkNow(): Promise<number> {
    if (this.worker === null) return Promise.reject(new Error('the reply thread is not running'));
    const id = this.nextCheck++;
    return new Promise((resolve, reject) => {
      this.checks.set(id, { resolve, reject });
      this.send({ type: 'check', id });
    });
  }

  hurry(): void {
    this.pushBusy();
    this.send({ type: 'hurry' });
  }

  stop(): Promise<void> {
    this.stopping = true;
    if (this.busyTimer !== null) clearInterval(this.busyTimer);
    this.busyTimer = null;
    const worker = this.worker;
    if (worker === null) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const force = setTimeout(() => void worker.terminate(), STOP_TIMEOUT_MS);
      worker.once('exit', () => {
        clearTimeout(force);
        resolve();
      });
      this.send({ type: 'stop' });
    });
  }

  private pushBusy(): void {
    const busy = this.o.hooks.busy();
    if (busy === this.lastBusy) return;
    this.lastBusy = busy;
    this.send({ type: 'busy', busy });
  }

  private send(message: ToReplyThread): void {
    this.worker?.postMessage(message);
  }

  private async receive(message: FromReplyThread): Promise<void> {
    if (message.type === 'connect') {
      const mode = this.o.hooks.mode();
      try {
        this.send({ type: 'connection', id: message.id, mode, connection: await this.o.connection(mode) });
      } catch (error) {
        this.send({ type: 'connection', id: message.id, mode, connection: null, failure: failureOf(error) });
      }
    } else if (message.type === 'replies') {
      try {
        const kept = await this.o.hooks.keep(message.mode, message.replies);
        if (kept.length > 0) this.o.hooks.onReceived(kept);
        this.send({ type: 'kept', id: message.id, count: kept.length });
      } catch (error) {
        this.send({ type: 'kept', id: message.id, count: 0, failure: failureOf(error) });
      }
    } else if (message.type === 'checked') {
      if (message.failure !== undefined && message.check === null) this.o.hooks.logError?.('checking for replies failed', rebuild(message.failure));
      this.restartDelayMs = RESTART_DELAY_MS;
      if (message.check === null) return;
      const check = this.checks.get(message.check);
      this.checks.delete(message.check);
      if (message.failure === undefined) check?.resolve(message.received);
      else check?.reject(rebuild(message.failure));
    } else {
      this.o.hooks.logError?.('the reply thread', new Error(message.message));
    }
  }
}
