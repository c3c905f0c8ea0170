import type { DatabaseSync } from 'node:sqlite';
import type { Migration } from '../migrate';
import staff from './0001_staff';
import registration from './0002_registration';
import sending from './0003_sending';
import drafts from './0004_drafts';
import messenger from './0005_messenger';
import threadHandledUpTo from './0006_thread_handled_up_to';
import registrationProgress from './0007_registration_progress';
import backlogFreeQueries from './0008_backlog_free_queries';
import billing from './0009_billing';
import contacts from './0010_contacts';
import templatesAndPolicy from './0011_templates_policy';
import messengerAtScale from './0012_messenger_at_scale';
import autopilot from './0013_autopilot';
import reportIndexes from './0014_report_indexes';
import draftAudience from './0015_draft_audience';

/**
 * A build of migration 5 once carried `threads.handled_up_to` inline. Databases created by that
 * build recorded this checksum for 5 and already have the column that migration 6 adds.
 */
const MESSENGER_WITH_HANDLED_UP_TO = 'f874b8f7bdf71fe27d8f502612bc8d7197452041b789f6db25a747f6a5bf03d3';

const hasColumn = (db: DatabaseSync, table: string, column: string): boolean =>
  (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as { name: string }[]).some((c) => c.name === column);

/**
 * Append new migrations at the end; never edit one that has landed. `released-checksums.json`
 * pins the text of every landed migration, and a test fails when one changes.
 */
export const migrations: readonly Migration[] = [
  { id: 1, name: 'staff', sql: staff },
  { id: 2, name: 'registration', sql: registration },
  { id: 3, name: 'sending', sql: sending },
  { id: 4, name: 'drafts', sql: drafts },
  { id: 5, name: 'messenger', sql: messenger, acceptedChecksums: [MESSENGER_WITH_HANDLED_UP_TO] },
  { id: 6, name: 'thread handled up to', sql: threadHandledUpTo, alreadyInPlace: (db) => hasColumn(db, 'threads', 'handled_up_to') },
  { id: 7, name: 'registration progress', sql: registrationProgress },
  { id: 8, name: 'backlog-free queries', sql: backlogFreeQueries },
  { id: 9, name: 'billing', sql: billing },
  { id: 10, name: 'contacts', sql: contacts },
  { id: 11, name: 'templates and SMS policy', sql: templatesAndPolicy },
  { id: 12, name: 'messenger at scale', sql: messengerAtScale },
  { id: 13, name: 'autopilot', sql: autopilot },
  { id: 14, name: 'report indexes', sql: reportIndexes },
  { id: 15, name: 'draft audience', sql: draftAudience },
];
