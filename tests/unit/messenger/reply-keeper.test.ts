import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/adapters/sqlite/db';
import { SqliteStorage } from '../../../src/main/adapters/sqlite/sqlite-storage';
import { keepReplies } from '../../../src/main/core/messenger/reply-keeper';
import type { Storage } from '../../../src/main/core/ports/storage';
import type { InboundReply } from '../../../src/main/core/ports/stores/messenger-store';

// A catch-up of thousands of replies is kept as many short writes, main answering between them.

describe('keeping replies', () => {
  it('writes a catch-up 50 replies per transaction, letting other work run between them, each reply once', async () => {
    const storage = new SqliteStorage(openDatabase(':memory:'));
    let transactions = 0;
    let between = 0;
    const counting: Pick<Storage, 'messenger' | 'transaction'> = {
      messenger: storage.messenger,
      transaction: (work) => {
        transactions++;
        return storage.transaction(work);
      },
    };
    const replies: InboundReply[] = Array.from({ length: 420 }, (_, i) => ({ sid: `SM${i}`, phone: `+1512555${String(1000 + (i % 40))}`, body: `Reply ${i}`, at: 1_000 + i, keyword: null }));
    const ticking = setInterval(() => between++, 0);
    const kept = await keepReplies({ storage: counting, consent: { optOut: () => Promise.resolve(), optIn: () => Promise.resolve() } }, 'sandbox', replies);
    clearInterval(ticking);
    expect(kept).toHaveLength(420);
    expect(transactions).toBe(9);
    expect(between).toBeGreaterThan(0);
    expect(await keepReplies({ storage: counting, consent: { optOut: () => Promise.resolve(), optIn: () => Promise.resolve() } }, 'sandbox', replies)).toEqual([]);
  });
});
