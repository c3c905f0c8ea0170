import { randomUUID } from 'node:crypto';
import { AppError, MAX_REPORTED_ROWS, type ContactKind, type ImportField, type ImportReportRow, type ImportStatus } from '../../../shared/contract';
import { CsvError, streamCsv } from '../../../shared/csv/read-csv';
import type { Clock } from '../ports/clock';
import type { Storage } from '../ports/storage';
import { guessColumns } from './column-guess';
import { RowChecker, type CheckedRows } from './import-rows';

/** People (or numbers) written per store call, inside the one transaction. */
const WRITE_SLICE = 25;
/** The event loop gets a turn once a stretch of work has run this long, so the window stays responsive. */
const BUDGET_MS = 8;
const SAMPLE_ROWS = 5;
/** A finished or abandoned import is forgotten after this long. */
const KEEP_MS = 30 * 60_000;

interface Job {
  id: string;
  staffId: string;
  fileName: string;
  chars: number;
  pieces: string[];
  received: number;
  /** The whole file once received; dropped when the import ends. */
  text: string | null;
  rowCount: number;
  status: ImportStatus;
  abort: AbortController;
  touchedAt: number;
}

export interface RunOptions {
  mapping: readonly ImportField[];
  defaultKind: ContactKind;
  consent: { statement: string } | null;
}

export interface ImportJobsDeps {
  storage: Storage;
  clock: Clock;
  country: () => string;
  /** After the import's one commit, so lists refresh. */
  onWritten: () => void;
  logError: (message: string, error: unknown) => void;
}

const idle = (phase: ImportStatus['phase']): ImportStatus => ({ phase, done: 0, total: 0, error: null, preview: null, report: null });
const yieldTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Yields only once BUDGET_MS of work has run since the last turn: slices stay small, turns stay few. */
function budget(): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < BUDGET_MS) return;
    await yieldTurn();
    since = performance.now();
  };
}

/**
 * CSV imports, one per staff member at a time: the file arrives in pieces (browser mode's bridge
 * takes 1 MB a call), is read without holding the event loop, previewed with guessed columns,
 * then checked and written in ONE transaction — every row or none. Cancel works until the commit.
 */
export class ImportJobs {
  private readonly jobs = new Map<string, Job>();

  constructor(private readonly deps: ImportJobsDeps) {}

  start(staffId: string, fileName: string, chars: number): { importId: string } {
    this.sweep();
    for (const job of this.jobs.values()) if (job.staffId === staffId) this.cancelJob(job);
    const id = randomUUID();
    this.jobs.set(id, { id, staffId, fileName, chars, pieces: [], received: 0, text: null, rowCount: 0, status: { ...idle('receiving'), total: chars }, abort: new AbortController(), touchedAt: this.deps.clock.now() });
    return { importId: id };
  }

  /** A whole file at once (the desktop's Open dialog read it in main): straight to reading. */
  startWhole(staffId: string, fileName: string, text: string): { importId: string } {
    const started = this.start(staffId, fileName, text.length);
    const job = this.job(staffId, started.importId);
    job.pieces.push(text);
    job.received = text.length;
    void this.read(job);
    return started;
  }

  chunk(staffId: string, importId: string, index: number, text: string): ImportStatus {
    const job = this.job(staffId, importId);
    if (job.status.phase !== 'receiving') throw new AppError('FAILED_PRECONDITION', 'This file has already been received.');
    if (index !== job.pieces.length) throw new AppError('FAILED_PRECONDITION', 'A piece of the file went missing on the way. Choose the file again.');
    if (job.received + text.length > job.chars) throw new AppError('FAILED_PRECONDITION', 'The file is longer than announced. Choose the file again.');
    job.pieces.push(text);
    job.received += text.length;
    job.status = { ...job.status, done: job.received };
    if (job.received === job.chars) void this.read(job);
    return job.status;
  }

  status(staffId: string, importId: string): ImportStatus {
    return this.job(staffId, importId).status;
  }

  cancel(staffId: string, importId: string): ImportStatus {
    const job = this.job(staffId, importId);
    this.cancelJob(job);
    return job.status;
  }

  /** Starts checking and writing; the caller follows along with `status`. */
  run(staffId: string, importId: string, options: RunOptions): ImportStatus {
    const job = this.job(staffId, importId);
    if (job.status.phase !== 'ready' || job.text === null) throw new AppError('FAILED_PRECONDITION', 'The file is not ready to import yet.');
    const mapped = new Set(options.mapping);
    if (!mapped.has('firstName') && !mapped.has('lastName') && !mapped.has('fullName')) throw new AppError('INVALID_INPUT', 'Choose which column holds the names.');
    if (!mapped.has('phone1') && !mapped.has('phone2')) throw new AppError('INVALID_INPUT', 'Choose which column holds the phone numbers.');
    job.status = { ...job.status, phase: 'writing', done: 0, total: job.rowCount };
    void this.write(job, job.text, options);
    return job.status;
  }

  /** Reads the file once to check it is well-formed, count its rows and keep the first few for the preview. */
  private async read(job: Job): Promise<void> {
    job.text = job.pieces.join('');
    job.pieces = [];
    job.status = { ...idle('reading'), total: job.text.length };
    try {
      const head: string[][] = [];
      let count = 0;
      await streamCsv(job.text, (rows) => {
        if (head.length <= SAMPLE_ROWS) head.push(...rows.slice(0, SAMPLE_ROWS + 1 - head.length));
        count += rows.length;
      }, { signal: job.abort.signal, onProgress: (chars) => (job.status = { ...job.status, done: chars }) });
      if (job.abort.signal.aborted) return;
      const headers = head[0] ?? [];
      if (count < 2) throw new CsvError('The file has a header row but no rows under it.');
      job.rowCount = count - 1;
      job.status = { ...idle('ready'), preview: { headers, mapping: guessColumns(headers), sample: head.slice(1), rowCount: count - 1 } };
    } catch (error) {
      if (job.abort.signal.aborted) return;
      job.text = null;
      job.status = { ...idle('failed'), error: error instanceof CsvError ? error.message : 'The file could not be read. Save it from your spreadsheet as CSV and try again.' };
    }
  }

  /**
   * Reads the file again a slice at a time, checking each slice's rows and writing the people in
   * it, all inside ONE transaction: a cancel, a crash or an error leaves the contact book as it was.
   * Only a slice's rows are held at once, so the heap stays small and the collector's pauses short.
   */
  private async write(job: Job, text: string, options: RunOptions): Promise<void> {
    const { storage, clock } = this.deps;
    const signal = job.abort.signal;
    const at = clock.now();
    try {
      const classes = await storage.contacts.classIdsByName();
      const checker = new RowChecker(options.mapping, { country: this.deps.country(), defaultKind: options.defaultKind, classes });
      const report: ImportReportRow[] = [];
      let skipped = 0;
      const result = await storage.transaction(async (tx) => {
        const pause = budget();
        let imported = 0;
        let merged = 0;
        let rowNumber = 0;
        const phones = new Set<string>();
        await streamCsv(text, async (rows) => {
          const checked: CheckedRows = { people: [], skipped: [] };
          for (const cells of rows) {
            rowNumber++;
            // Row 1 is the header.
            if (rowNumber > 1) checker.check(cells, rowNumber, checked);
          }
          skipped += checked.skipped.length;
          for (const row of checked.skipped) if (report.length < MAX_REPORTED_ROWS) report.push(row);
          for (let i = 0; i < checked.people.length; i += WRITE_SLICE) {
            const slice = checked.people.slice(i, i + WRITE_SLICE);
            const written = await tx.contacts.importPeople(slice.map((p) => p.person), at);
            imported += written.imported;
            merged += written.merged;
            slice.forEach(({ row, person }, k) => {
              for (const phone of person.phones) phones.add(phone);
              // Merged rows are listed so staff can look at them; imported ones are only counted.
              if (written.mergedIndexes.includes(k) && report.length < MAX_REPORTED_ROWS) {
                report.push({ row, name: `${person.firstName} ${person.lastName}`.trim(), outcome: 'merged', reason: null, detail: 'Added to the contact already here' });
              }
            });
            await pause();
            signal.throwIfAborted();
          }
          job.status = { ...job.status, phase: 'writing', done: Math.max(0, rowNumber - 1) };
        }, { signal });
        const importId = await tx.contacts.recordImport({ statement: options.consent?.statement ?? '', fileName: job.fileName, staffId: job.staffId, imported, merged, skipped, at });
        let optedIn = 0;
        if (options.consent !== null) optedIn = await this.optIn(tx, [...phones], importId, job.staffId, at, pause, signal);
        signal.throwIfAborted();
        return { imported, merged, optedIn };
      });
      this.deps.onWritten();
      job.text = null;
      job.status = { ...job.status, phase: 'done', done: job.status.total, report: { ...result, skipped, rows: report.sort((a, b) => a.row - b.row) } };
    } catch (error) {
      if (signal.aborted) return;
      job.text = null;
      if (error instanceof CsvError) {
        job.status = { ...job.status, phase: 'failed', error: `Nothing was imported: ${error.message}` };
        return;
      }
      this.deps.logError('contact import failed', error);
      job.status = { ...job.status, phase: 'failed', error: 'Nothing was imported: the contact book could not be saved. Try again.' };
    }
  }

  /**
   * Opts in the file's numbers that were never asked: an import never overrides an opt-out, nor
   * repeats an opt-in. Each change is linked to the import and the source it stated.
   */
  private async optIn(tx: Storage, phones: string[], importId: number, staffId: string, at: number, pause: () => Promise<void>, signal: AbortSignal): Promise<number> {
    let count = 0;
    for (let i = 0; i < phones.length; i += WRITE_SLICE) {
      signal.throwIfAborted();
      const slice = phones.slice(i, i + WRITE_SLICE);
      const states = await tx.consent.statesOf(slice);
      const events: number[] = [];
      for (let k = 0; k < slice.length; k++) {
        if (states[k] === 'never') events.push(await tx.consent.record(slice[k]!, 'opted_in', 'import', staffId, at));
      }
      await tx.contacts.linkImportConsent(importId, events);
      count += events.length;
      await pause();
    }
    return count;
  }

  private cancelJob(job: Job): void {
    if (job.status.phase === 'done' || job.status.phase === 'failed') return;
    job.abort.abort();
    job.text = null;
    job.pieces = [];
    job.status = { ...job.status, phase: 'canceled' };
  }

  private job(staffId: string, importId: string): Job {
    const job = this.jobs.get(importId);
    if (job === undefined || job.staffId !== staffId) throw new AppError('NOT_FOUND', 'This import is no longer open. Choose the file again.');
    job.touchedAt = this.deps.clock.now();
    return job;
  }

  private sweep(): void {
    const before = this.deps.clock.now() - KEEP_MS;
    for (const [id, job] of this.jobs) if (job.touchedAt < before) this.jobs.delete(id);
  }
}
