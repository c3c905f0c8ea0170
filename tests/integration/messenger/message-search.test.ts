import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/main/adapters/sqlite/db';
import { SqliteStorage } from '../../../src/main/adapters/sqlite/sqlite-storage';
import { searchWords, snippetParts } from '../../../src/main/core/messenger/conversation';
import type { SearchRecord } from '../../../src/main/core/ports/stores/messenger-store';

// Search over every message body: the families' replies and the texts sent to them. What staff
// type is only ever words to find (each the start of a word, all required), never FTS syntax.

const FAMILY = '+12125550142';
const OTHER = '+16175550199';

const BODIES = [
  'Is swim practice on tonight?',
  'Running late, sorry',
  'swim swim swim',
  'Can we move the swim meet to Friday?',
  'NEAR the pool AND the gym OR not',
  'Is it "Level 2" or level*3?',
  'Café au lait at the meet',
  'DROP TABLE threads',
];

function desk() {
  const db = openDatabase(':memory:');
  const storage = new SqliteStorage(db);
  const sync = db;
  BODIES.forEach((body, i) => {
    sync.prepare("INSERT INTO inbound_messages (mode, carrier_sid, phone, body, at) VALUES ('sandbox', ?, ?, ?, ?)").run(`SM${i}`, i % 2 === 0 ? FAMILY : OTHER, body, 1_000 + i);
  });
  // A text the desk sent (the outbox store writes these; here straight into the tables).
  sync.prepare(`INSERT INTO send_batches (id, mode, kind, body, text, segments, recipients, recipient_count, honor_hours, validity_seconds, created_at)
    VALUES (1, 'sandbox', 'mass', 'Pool closed Monday', 'Pool closed Monday. Reply STOP to opt out', 1, '[]', 1, 1, 14400, 5_000)`).run();
  sync.prepare("INSERT INTO outbox (batch_id, to_number, credits, updated_at, mode) VALUES (1, ?, 1, 5_000, 'sandbox')").run(FAMILY);
  const search = (typed: string, limit = 50) => storage.messenger.search('sandbox', { words: searchWords(typed), phoneDigits: '' }, null, limit);
  return { db, storage, search };
}

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
/** What a search for these words means: every word starts some word of the message. */
function reference(words: readonly string[]): string[] {
  const all = [...BODIES, 'Pool closed Monday. Reply STOP to opt out'];
  if (words.length === 0) return [];
  return all.filter((body) => {
    const tokens = fold(body).match(/[\p{L}\p{N}]+/gu) ?? [];
    return words.every((w) => tokens.some((t) => t.startsWith(fold(w))));
  }).sort();
}
const bodiesOf = (hits: readonly SearchRecord[]) => hits.map((h) => h.body).sort();

describe('searching messages', () => {
  it('finds words by their start in replies and sent texts, and marks the words that matched', async () => {
    const { search } = desk();
    const hits = await search('PRACT');
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ phone: FAMILY, direction: 'inbound' });
    expect(snippetParts(hits[0]!.body, ['pract'])).toEqual([{ text: 'Is swim ', hit: false }, { text: 'practice', hit: true }, { text: ' on tonight?', hit: false }]);
    expect(await search('pool clos')).toEqual([expect.objectContaining({ phone: FAMILY, direction: 'outbound', at: 5_000 })]);
    // Accents fold both ways.
    expect((await search('cafe')).map((h) => h.messageId)).toHaveLength(1);
  });

  it('shows the words around the first hit of a long message, every matching word marked, accents and case aside', () => {
    const body = `${'Lorem ipsum '.repeat(10)}the Café opens before SWIM practice and after swimming ${'dolor sit '.repeat(10)}`;
    const parts = snippetParts(body, ['cafe', 'swim']);
    expect(parts[0]).toEqual({ text: expect.stringMatching(/^…ipsum Lorem/), hit: false });
    expect(parts.at(-1)).toEqual({ text: expect.stringMatching(/ dolor sit…$/), hit: false });
    expect(parts.filter((p) => p.hit).map((p) => p.text)).toEqual(['Café', 'SWIM', 'swimming']);
    expect(snippetParts('Short one', ['nothing'])).toEqual([{ text: 'Short one', hit: false }]);
  });

  it('ranks the closest match first, and pages on from the last hit shown without repeating one', async () => {
    const { search, storage } = desk();
    const hits = await search('swim');
    expect(hits.map((h) => h.body)).toEqual([
      'swim swim swim',
      'Is swim practice on tonight?',
      'Can we move the swim meet to Friday?',
    ]);
    const first = await search('swim', 2);
    const rest = await storage.messenger.search('sandbox', { words: ['swim'], phoneDigits: '' }, first.at(-1)!.cursor, 2);
    expect([...first, ...rest].map((h) => h.messageId)).toEqual(hits.map((h) => h.messageId));
  });

  it.each([
    ['"Level 2"', ['Is it "Level 2" or level*3?']],
    ['level*', ['Is it "Level 2" or level*3?']],
    ['NEAR(pool gym)', ['NEAR the pool AND the gym OR not']],
    ['swim OR late', []],
    ['swim AND NOT meet', []],
    ['body:swim', []],
    ["'); DROP TABLE threads; --", ['DROP TABLE threads']],
    ['^swim +meet', ['Can we move the swim meet to Friday?']],
    ['-late', ['Running late, sorry']],
    ['"', []],
    ['*', []],
    ['', []],
  ])('takes %j as words only', async (typed, expected) => {
    const { search, db } = desk();
    expect(bodiesOf(await search(typed))).toEqual(expected.sort());
    expect(db.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE name = 'threads'").get()).toEqual({ n: 1 });
  });

  it('never fails and never changes meaning, whatever is typed', async () => {
    const { search } = desk();
    const pieces = ['swim', 'meet', 'pool', 'level', 'café', 'NEAR', 'AND', 'OR', 'NOT', '"', "'", '*', '^', '(', ')', ':', '-', '+', ' ', ';', '%', '_', '\\', 'body', 'é', '2', 'l'];
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...pieces), { maxLength: 12 }).map((p) => p.join('')), fc.string({ maxLength: 20 }), async (built, noise) => {
        for (const typed of [built, noise, built + noise]) {
          const hits = await search(typed);
          expect(bodiesOf(hits)).toEqual(reference(searchWords(typed)));
        }
      }),
      { numRuns: 300 },
    );
  });
});
