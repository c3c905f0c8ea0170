import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The Messenger Center reaches its data only through the Storage port, so another database can
// stand behind it: no SQLite, no SQL, no table names in its core code.
const dir = join(__dirname, '../../../src/main/core/messenger');
const tables = ['inbound_messages', 'inbound_sync', 'thread_notes', 'outbox', 'send_batches', 'consent', 'staff'];

describe('the Messenger Center core', () => {
  it.each(readdirSync(dir).filter((name) => name.endsWith('.ts')))('%s speaks to storage only through the port', (name) => {
    const source = readFileSync(join(dir, name), 'utf8');
    expect(source).not.toMatch(/node:sqlite|DatabaseSync|\bprepare\(|\btransaction\(this\.deps\.db/);
    expect(source).not.toMatch(/\b(SELECT|INSERT|UPDATE|DELETE)\s/);
    for (const table of tables) expect(source, table).not.toMatch(new RegExp(`\\b(FROM|INTO|JOIN|UPDATE) ${table}\\b`, 'i'));
  });
});
