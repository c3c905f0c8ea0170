import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every source file of the main process, by path relative to the repo. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const WRITES = (table: string) => new RegExp(`(INSERT(\\s+OR\\s+\\w+)?\\s+INTO|UPDATE|DELETE\\s+FROM)\\s+${table}\\b`, 'i');

function writersOf(table: string): string[] {
  return sources('src/main')
    .filter((file) => WRITES(table).test(readFileSync(file, 'utf8')))
    .map((file) => file.replaceAll('\\', '/'));
}

/** Migration 0012 fills each conversation's summary and the search index from the messages already there, and its triggers keep both. */
const MESSENGER_0012 = 'src/main/adapters/sqlite/migrations/0012_messenger_at_scale.ts';
const MESSENGER_STORE = 'src/main/adapters/sqlite/stores/messenger-store.ts';

/** Migration 0008 fills its new columns and kept figures once, from the rows already there, before any store opens. */
const BACKFILL_0008 = 'src/main/adapters/sqlite/migrations/0008_backlog_free_queries.ts';

describe('each sending table has one owner', () => {
  it.each([
    ['outbox', 'src/main/adapters/sqlite/stores/outbox-store.ts', [BACKFILL_0008]],
    ['outbox_credits_held', 'src/main/adapters/sqlite/stores/outbox-store.ts', [BACKFILL_0008]],
    ['send_batches', 'src/main/adapters/sqlite/stores/outbox-store.ts', []],
    ['credit_ledger', 'src/main/adapters/sqlite/stores/ledger-store.ts', []],
    ['credit_balance', 'src/main/adapters/sqlite/stores/ledger-store.ts', [BACKFILL_0008]],
    ['consent', 'src/main/adapters/sqlite/stores/consent-store.ts', []],
    ['consent_events', 'src/main/adapters/sqlite/stores/consent-store.ts', []],
    ...['families', 'contacts', 'contact_phones', 'classes', 'enrollments', 'tags', 'contact_tags', 'contact_imports', 'import_consent_events']
      .map((table) => [table, 'src/main/adapters/sqlite/stores/contacts/contact-store.ts', []] as [string, string, string[]]),
    ['templates', 'src/main/adapters/sqlite/stores/compose/template-store.ts', []],
    ['saved_audiences', 'src/main/adapters/sqlite/stores/compose/saved-audience-store.ts', []],
    ['sms_policy', 'src/main/adapters/sqlite/stores/compose/sms-policy-store.ts', []],
    ...['billing_purchases', 'billing_auto_renew', 'billing_renewals', 'billing_notices']
      .map((table) => [table, 'src/main/adapters/sqlite/stores/billing-store.ts', []] as [string, string, string[]]),
    ...['inbound_messages', 'thread_notes', 'inbound_sync'].map((table) => [table, MESSENGER_STORE, []] as [string, string, string[]]),
    ['threads', MESSENGER_STORE, [MESSENGER_0012]],
    ['message_search', MESSENGER_0012, []],
    ['thread_counts', MESSENGER_0012, []],
    ...['autopilot_workflows', 'autopilot_runs'].map((table) => [table, 'src/main/adapters/sqlite/stores/autopilot/autopilot-store.ts', []] as [string, string, string[]]),
  ])('only its owner writes %s', (table, owner, backfills) => {
    expect(writersOf(table).sort()).toEqual([owner, ...backfills].sort());
  });
});
