import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError, type Mode } from '../../../shared/contract';
import { CarrierNotReady } from '../../core/ports/carrier-gateway';
import type { DispatcherTuning, EngineStatus, SendingEngine } from '../../core/sending/dispatcher';
import type { EngineChange } from '../../core/sending/engine-change';
import type { RecipientFacts } from '../../core/sending/recipient-reader';
import type { FromThread, PacingConfig, ThreadConnection, ToThread } from './protocol';

export interface SendingThreadOptions {
  dbFile: string;
  /** The worker script; default: the built bundle next to this code, else thread-entry.ts via tsx. */
  script?: string;
  tuning?: DispatcherTuning;
  /** Read every second and pushed to the thread when it changed (Settings → SMS applies at once). */
  pacing(): PacingConfig;
  /** Credentials and sending number for a mode; throws CarrierNotReady when that carrier is not set up. */
  connection(mode: Mode): Promise<ThreadConnection>;
  /** The thread's rounds changed rows (which sends, whether credits moved), or its status changed. */
  onChange(change: EngineChange): void;
  /** The carrier reported that this number unsubscribed. */
  optOut(phone: string): void;
  logError(message: string, error: unknown): void;
}

const PACING_CHECK_MS = 1_000;
/** A thread that died unexpectedly is restarted after this, doubling while it keeps dying. */
const RESTART_DELAY_MS = 1_000;
const MAX_RESTART_DELAY_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;
/** Lists shorter than this are read on the main thread: a few milliseconds at most. */
export const READ_OFF_THREAD_FROM = 500;

/**
 * Runs the dispatcher in a worker thread so a send of thousands never stalls the main thread
 * (windows, IPC, the browser bridge). Built app: out/main/sending-thread.js next to this bundle;
 * from source (tests, benchmarks): thread-entry.ts through tsx.
 */
function threadScript(): { file: string; execArgv: string[] } {
  // The bundler may place this code in out/main or in out/main/chunks.
  for (const built of [join(__dirname, 'sending-thread.js'), join(__dirname, '..', 'sending-thread.js')]) {
    if (existsSync(built)) return { file: built, execArgv: [] };
  }
  return { file: join(__dirname, 'thread-entry.ts'), execArgv: ['--import', 'tsx'] };
}

export class SendingThread implements SendingEngine {
  private worker: Worker | null = null;
  private latest: EngineStatus = { paused: {}, inFlight: 0 };
  private pushedPacing = '';
  private pacingTimer: NodeJS.Timeout | null = null;
  private stopping = false;
  private stopped: Promise<void> | null = null;
  private restartDelayMs = RESTART_DELAY_MS;
  private nextRead = 1;
  /** Lists being read by the thread; answered null (read them on main) if the thread ends first. */
  private reading = new Map<number, (facts: RecipientFacts | null) => void>();

  constructor(private readonly o: SendingThreadOptions) {}

  start(): void {
    if (this.worker !== null) return;
    this.stopping = false;
    const script = this.o.script === undefined ? threadScript() : { file: this.o.script, execArgv: [] };
    const pacing = this.o.pacing();
    this.pushedPacing = JSON.stringify(pacing);
    const worker = new Worker(script.file, {
      execArgv: script.execArgv,
      workerData: { dbFile: this.o.dbFile, pacing, tuning: this.o.tuning ?? {} },
    });
    this.worker = worker;
    worker.on('message', (message: FromThread) => this.receive(message));
    worker.on('error', (error) => this.o.logError('sending thread failed', error));
    worker.on('exit', () => {
      this.worker = null;
      for (const answer of this.reading.values()) answer(null);
      this.reading.clear();
      if (this.stopping) return;
      // Nothing is lost: the outbox is on disk and in-doubt claims are looked up before a resend.
      setTimeout(() => {
        if (!this.stopping) this.start();
      }, this.restartDelayMs).unref();
      this.restartDelayMs = Math.min(MAX_RESTART_DELAY_MS, this.restartDelayMs * 2);
    });
    this.pacingTimer ??= setInterval(() => this.pushPacing(), PACING_CHECK_MS);
    this.pacingTimer.unref();
  }

  notify(): void {
    this.pushPacing();
    this.send({ type: 'notify' });
  }

  status(): EngineStatus {
    return this.latest;
  }

  stop(): Promise<void> {
    this.stopping = true;
    if (this.pacingTimer !== null) clearInterval(this.pacingTimer);
    this.pacingTimer = null;
    const worker = this.worker;
    if (worker === null) return Promise.resolve();
    this.stopped ??= new Promise<void>((resolve) => {
      const force = setTimeout(() => void worker.terminate(), STOP_TIMEOUT_MS);
      worker.once('exit', () => {
        clearTimeout(force);
        this.stopped = null;
        resolve();
      });
      this.send({ type: 'stop' });
    });
    return this.stopped;
  }

  /**
   * Reads a recipient list in the sending thread (parsing ~5 µs a number, and its consent), so a
   * list of thousands never holds up the main thread. Same code, same answers as reading on main.
   * Null: read it on main (a short list, or no thread running).
   */
  readRecipients(raws: readonly string[], country: string): Promise<RecipientFacts | null> {
    const worker = this.worker;
    if (worker === null || raws.length < READ_OFF_THREAD_FROM) return Promise.resolve(null);
    const id = this.nextRead++;
    return new Promise<RecipientFacts | null>((resolve) => {
      this.reading.set(id, resolve);
      worker.postMessage({ type: 'readRecipients', id, raws: [...raws], country } satisfies ToThread);
    });
  }

  private pushPacing(): void {
    const pacing = this.o.pacing();
    const text = JSON.stringify(pacing);
    if (text === this.pushedPacing) return;
    this.pushedPacing = text;
    this.send({ type: 'pacing', pacing });
  }

  private send(message: ToThread): void {
    this.worker?.postMessage(message);
  }

  private receive(message: FromThread): void {
    switch (message.type) {
      case 'connect':
        void this.answerConnect(message.id, message.mode);
        return;
      case 'changed':
        this.restartDelayMs = RESTART_DELAY_MS; // it is working
        this.latest = message.status;
        this.o.onChange(message.change);
        return;
      case 'optOut':
        try {
          this.o.optOut(message.phone);
        } catch (error) {
          this.o.logError('recording a carrier opt-out failed', error);
        }
        return;
      case 'error':
        this.o.logError('sending thread', new Error(message.message));
        return;
      case 'recipientsRead':
        this.reading.get(message.id)?.(message.facts);
        this.reading.delete(message.id);
        return;
      case 'stopped':
        return;
    }
  }

  private async answerConnect(id: number, mode: Mode): Promise<void> {
    try {
      this.send({ type: 'connection', id, result: { ok: true, connection: await this.o.connection(mode) } });
    } catch (error) {
      const known = error instanceof AppError ? error : null;
      if (known === null) this.o.logError('carrier connection for the sending thread failed', error);
      this.send({
        type: 'connection',
        id,
        result: {
          ok: false,
          notSetUp: error instanceof CarrierNotReady,
          code: known?.code ?? 'CARRIER_ERROR',
          message: known?.message ?? 'The carrier could not be reached.',
        },
      });
    }
  }
}
