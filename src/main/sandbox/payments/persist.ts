import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { emptyState } from './state.ts';
import type { PaymentsState } from './state.ts';

/**
 * Keeps the account in a JSON file so the simulator outlives a desk that crashes between payment
 * and grant (and its own restarts). Writes are atomic (temp file + rename) and coalesced.
 */
export class StateFile {
  private readonly path: string;
  private readonly snapshot: () => PaymentsState;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(path: string, snapshot: () => PaymentsState) {
    this.path = path;
    this.snapshot = snapshot;
  }

  /** The stored account, or a fresh one; an unreadable file is moved aside, never lost. */
  static load(path: string): PaymentsState {
    if (!existsSync(path)) return emptyState();
    try {
      const raw = JSON.parse(readFileSync(path, 'utf8')) as PaymentsState;
      if (raw.version !== 1) throw new Error(`unknown state version ${String(raw.version)}`);
      return { ...emptyState(), ...raw };
    } catch (error) {
      const aside = `${path}.corrupt-${Date.now()}`;
      renameSync(path, aside);
      process.emitWarning(`payment simulator state unreadable, moved to ${aside}: ${error instanceof Error ? error.message : String(error)}`);
      return emptyState();
    }
  }

  schedule(): void {
    if (this.timer !== null || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, 20);
  }

  flush(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const tmp = `${this.path}.${process.pid}.tmp`;
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, JSON.stringify(this.snapshot()));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.path);
  }

  /** The last write; a late webhook answer after stop must not write into a folder being removed. */
  close(): void {
    this.flush();
    this.closed = true;
  }
}
