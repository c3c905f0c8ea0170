import { randomBytes } from 'node:crypto';
import { WebSocket } from 'ws';

export interface SessionLimits {
  /** Live sessions at most: opening one more ends the one idle longest. */
  max: number;
  /**
   * A session with no open event socket ends after this long without a call: a page that was
   * closed, or a script that stopped. A reload (F5) reconnects well within it and stays signed in.
   */
  idleMs: number;
  /** Event sockets per session (a duplicated tab shares its session with the original). */
  socketsPerSession: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = { max: 256, idleMs: 60_000, socketsPerSession: 8 };

interface Entry {
  lastUsed: number;
  sockets: Set<WebSocket>;
}

/**
 * Browser-mode sessions, bounded: a runaway script opening sessions in a loop costs at most
 * `max` entries, and sessions nobody uses any more end on their own.
 */
export class WebSessions {
  /** Least recently used first: a used session moves to the end. */
  private readonly entries = new Map<string, Entry>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(
    private readonly limits: SessionLimits,
    /** Called once for every session that ends, so the core forgets who was signed in on it. */
    private readonly onEnd: (sessionId: string) => void,
  ) {
    this.sweeper = setInterval(() => this.sweep(), Math.min(Math.max(limits.idleMs / 4, 25), 10_000));
    this.sweeper.unref();
  }

  get size(): number {
    return this.entries.size;
  }

  /** Resumes `previous` while it is live (the same tab after a reload), or opens a new session. */
  open(previous?: string): string {
    if (previous !== undefined && this.touch(previous)) return previous;
    while (this.entries.size >= this.limits.max) this.end(this.evictionCandidate());
    const id = `web-${randomBytes(16).toString('base64url')}`;
    this.entries.set(id, { lastUsed: Date.now(), sockets: new Set() });
    return id;
  }

  /** Marks a call on the session; false when it is unknown or has ended. */
  touch(sessionId: string): boolean {
    const entry = this.entries.get(sessionId);
    if (!entry) return false;
    entry.lastUsed = Date.now();
    this.entries.delete(sessionId);
    this.entries.set(sessionId, entry);
    return true;
  }

  canAttach(sessionId: string): boolean {
    const entry = this.entries.get(sessionId);
    return entry !== undefined && entry.sockets.size < this.limits.socketsPerSession;
  }

  /** Binds an event socket; the session then lives while a socket is open, and `idleMs` after. */
  attach(sessionId: string, socket: WebSocket): boolean {
    if (!this.canAttach(sessionId)) return false;
    this.entries.get(sessionId)?.sockets.add(socket);
    socket.once('close', () => {
      const entry = this.entries.get(sessionId);
      if (entry?.sockets.delete(socket)) this.touch(sessionId);
    });
    return true;
  }

  /** Open sockets of one session, or of all sessions. */
  *socketsOf(sessionId?: string): Generator<WebSocket> {
    const entries = sessionId === undefined ? this.entries.values() : [this.entries.get(sessionId)];
    for (const entry of entries) for (const socket of entry?.sockets ?? []) if (socket.readyState === WebSocket.OPEN) yield socket;
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const entry of this.entries.values()) for (const socket of entry.sockets) socket.terminate();
    this.entries.clear();
  }

  private sweep(): void {
    const idleSince = Date.now() - this.limits.idleMs;
    for (const [id, entry] of [...this.entries]) if (entry.sockets.size === 0 && entry.lastUsed <= idleSince) this.end(id);
  }

  /** The least recently used session without an open page, else the least recently used one. */
  private evictionCandidate(): string {
    for (const [id, entry] of this.entries) if (entry.sockets.size === 0) return id;
    return this.entries.keys().next().value as string;
  }

  private end(sessionId: string): void {
    const entry = this.entries.get(sessionId);
    if (!entry) return;
    this.entries.delete(sessionId);
    for (const socket of entry.sockets) socket.terminate();
    this.onEnd(sessionId);
  }
}
