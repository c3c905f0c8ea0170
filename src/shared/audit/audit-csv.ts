import type { AuditEntry } from '../contract';
import { toCsv } from '../csv/write-csv';
import { maskSensitive } from './mask';
import { auditSentence } from './sentences';

/**
 * The audit log as a spreadsheet: the same masked sentences the screen shows, never the raw
 * detail. `when` formats the time as the screen does (the business's zone, the desk's locale).
 */
export function auditCsv(entries: readonly AuditEntry[], when: (at: number) => string): string {
  return toCsv([
    ['When', 'Who', 'What happened', 'Outside the SMS hours'],
    ...entries.map((entry) => [when(entry.at), maskSensitive(entry.staffName ?? 'SMS Desk'), auditSentence(entry), entry.override ? 'Yes' : '']),
  ]);
}
