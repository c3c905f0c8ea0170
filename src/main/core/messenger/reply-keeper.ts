import type { Mode } from '../../../shared/contract';
import type { Storage } from '../ports/storage';
import type { InboundReply } from '../ports/stores/messenger-store';

/** Replies kept per transaction: a large catch-up is many short writes, main answering between them. */
const KEEP_CHUNK = 50;

export interface ReplyKeeperDeps {
  storage: Pick<Storage, 'messenger' | 'transaction'>;
  /**
   * What a STOP or START reply does to the number's consent, inside the chunk's transaction: `tx`
   * is that transaction's storage, to be passed on (the outer storage would wait for it to end).
   */
  consent: { optOut(phone: string, tx: Storage): Promise<void>; optIn(phone: string, tx: Storage): Promise<void> };
  logError?: (message: string, error: unknown) => void;
}

/**
 * Keeps replies read from the carrier's log (oldest first), each once: per chunk one transaction
 * with each new reply, what its keyword does to consent, and the sync cursor. If a write fails
 * part-way the cursor stands at the newest reply kept, with all older ones kept too. Returns the
 * replies that were new.
 */
export async function keepReplies(deps: ReplyKeeperDeps, mode: Mode, replies: readonly InboundReply[]): Promise<InboundReply[]> {
  const kept: InboundReply[] = [];
  for (let i = 0; i < replies.length; i += KEEP_CHUNK) {
    if (i > 0) await new Promise((resolve) => setImmediate(resolve));
    kept.push(...(await keepChunk(deps, mode, replies.slice(i, i + KEEP_CHUNK))));
  }
  return kept;
}

function keepChunk(deps: ReplyKeeperDeps, mode: Mode, replies: readonly InboundReply[]): Promise<InboundReply[]> {
  return deps.storage.transaction(async (tx) => {
    const kept = await tx.messenger.recordReplies(mode, replies);
    // In the order they arrived: STOP then START leaves the number opted in.
    for (const reply of kept) {
      try {
        if (reply.keyword === 'opt_out') await deps.consent.optOut(reply.phone, tx);
        if (reply.keyword === 'opt_in') await deps.consent.optIn(reply.phone, tx);
      } catch (error) {
        // The reply is kept either way; one odd sender (a short code) must not stall every check.
        deps.logError?.('a keyword reply could not change consent', error);
      }
    }
    return kept;
  });
}
