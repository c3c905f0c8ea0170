import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';

/**
 * A simulator's state kept in a JSON file, so it outlives crashes and restarts. Writes are atomic
 * (temp file + rename: a crash mid-write leaves the previous version intact) and coalesced: at most
 * one per `delayMs`.
 */
export class JsonStateFile<T> {
  private readonly path: string;
  private readonly snapshot: () => T;
  private readonly delayMs: number;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(path: string, snapshot: () => T, delayMs: number) {
    this.path = path;
    this.snapshot = snapshot;
    this.delayMs = delayMs;
  }

  /**
   * The file read back by `parse`, or null when there is none. A file that cannot be read back is
   * moved aside (kept for inspection) rather than blocking the simulator from starting.
   */
  static read<R>(path: string, what: string, parse: (raw: unknown) => R): R | null {
    if (!existsSync(path)) return null;
    try {
      return parse(JSON.parse(readFileSync(path, 'utf8')));
    } catch (error) {
      const aside = `${path}.corrupt-${Date.now()}`;
      renameSync(path, aside);
      process.emitWarning(`${what} state unreadable, moved to ${aside}: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  }

  schedule(): void {
    if (this.timer !== null || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flush();
    }, this.delayMs);
  }

  flush(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const tmp = `${this.path}.${process.pid}.tmp`;
    // Owner-only like the rest of the data folder; the rename keeps the mode.
    const fd = openSync(tmp, 'w', 0o600);
    try {
      writeSync(fd, JSON.stringify(this.snapshot()));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.path);
  }

  /** The last write; a late answer after stop must not write into a folder being removed. */
  close(): void {
    this.flush();
    this.closed = true;
  }
}
