import type { DatabaseSync, StatementSync } from 'node:sqlite';
import { triggerSchema, type WorkflowRun } from '../../../../../shared/contract/autopilot';
import type { AutopilotStore, BirthdayStudent, RunRecord, StoredWorkflow, WorkflowWrite } from '../../../../core/ports/stores/autopilot-store';
import type { SyncStore } from '../../sync-store';

/** A workflow as its columns hold it: the trigger and audience as JSON, `enabled` as 0/1. */
type WorkflowRow = Omit<StoredWorkflow, 'trigger' | 'audience' | 'enabled'> & {
  trigger: string;
  audience: string;
  enabled: number;
};

const toWorkflow = (row: WorkflowRow): StoredWorkflow => ({
  ...row,
  // Parsed, so a trigger saved before a field existed reads with that field's default.
  trigger: triggerSchema.parse(JSON.parse(row.trigger)),
  audience: JSON.parse(row.audience) as StoredWorkflow['audience'],
  enabled: row.enabled === 1,
});

/** Owns `autopilot_workflows` and `autopilot_runs`; reads staff names and contacts for display and triggers only. */
export class SqliteAutopilotStore implements SyncStore<AutopilotStore> {
  private readonly s: Record<
    'list' | 'get' | 'insert' | 'update' | 'remove' | 'enable' | 'pause' | 'checked' | 'contactsAfter' | 'claim' | 'handled' | 'runs' | 'lastContact' | 'added' | 'birthdays' | 'birthdayStudents' | 'birthdayDays' | 'studentBirthdayDays',
    StatementSync
  >;

  constructor(db: DatabaseSync) {
    const select = `SELECT w.id, w.name, w.trigger, w.audience, w.body, w.enabled, w.paused_reason AS pausedReason,
      w.checked_up_to AS checkedUpTo, w.contacts_after AS contactsAfter, c.name AS createdBy, w.created_at AS createdAt,
      u.name AS updatedBy, w.updated_at AS updatedAt
      FROM autopilot_workflows w LEFT JOIN staff c ON c.id = w.created_by LEFT JOIN staff u ON u.id = w.updated_by`;
    this.s = {
      list: db.prepare(`${select} ORDER BY w.name COLLATE NOCASE, w.id`),
      get: db.prepare(`${select} WHERE w.id = ?`),
      insert: db.prepare(`INSERT INTO autopilot_workflows (name, trigger, audience, body, enabled, checked_up_to, contacts_after, created_by, created_at, updated_by, updated_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
      // A changed workflow starts afresh from now: a new time never fires for the past.
      update: db.prepare(`UPDATE autopilot_workflows SET name = ?, trigger = ?, audience = ?, body = ?, enabled = ?, paused_reason = CASE WHEN ? = 1 THEN NULL ELSE paused_reason END,
        checked_up_to = ?, contacts_after = max(contacts_after, ?), updated_by = ?, updated_at = ? WHERE id = ?`),
      remove: db.prepare('DELETE FROM autopilot_workflows WHERE id = ?'),
      enable: db.prepare(`UPDATE autopilot_workflows SET enabled = ?, paused_reason = CASE WHEN ? = 1 THEN NULL ELSE paused_reason END, updated_by = ?, updated_at = ? WHERE id = ?`),
      pause: db.prepare('UPDATE autopilot_workflows SET paused_reason = ? WHERE id = ?'),
      checked: db.prepare('UPDATE autopilot_workflows SET checked_up_to = max(checked_up_to, ?) WHERE id = ?'),
      contactsAfter: db.prepare('UPDATE autopilot_workflows SET contacts_after = max(contacts_after, ?) WHERE id = ?'),
      claim: db.prepare(`INSERT INTO autopilot_runs (workflow_id, occurrence_at, contact_id, ran_at, outcome, texts, credits, left_out, note, batch_id)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (workflow_id, occurrence_at, contact_id) DO NOTHING`),
      handled: db.prepare('SELECT 1 FROM autopilot_runs WHERE workflow_id = ? AND occurrence_at = ? AND contact_id = ?'),
      runs: db.prepare(`SELECT id, occurrence_at AS occurrenceAt, ran_at AS ranAt, outcome, texts, credits, left_out AS leftOut, note, batch_id AS batchId
        FROM autopilot_runs WHERE workflow_id = ? ORDER BY ran_at DESC, id DESC LIMIT ?`),
      lastContact: db.prepare('SELECT coalesce(max(id), 0) AS id FROM contacts'),
      added: db.prepare('SELECT id, created_at AS createdAt FROM contacts WHERE id > ? AND archived_at IS NULL ORDER BY id LIMIT ?'),
      birthdays: db.prepare(`SELECT id FROM contacts WHERE archived_at IS NULL AND birthday LIKE ? ORDER BY id`),
      birthdayDays: db.prepare(`SELECT DISTINCT substr(birthday, 6, 5) AS day FROM contacts WHERE archived_at IS NULL AND birthday IS NOT NULL ORDER BY day`),
      birthdayStudents: db.prepare(`SELECT s.id, s.first_name AS firstName,
          (SELECT json_group_array(g.id) FROM contacts g WHERE g.kind = 'guardian' AND g.archived_at IS NULL AND g.family_id = s.family_id) AS guardianIds,
          (SELECT json_group_array(k.name) FROM enrollments e JOIN classes k ON k.id = e.class_id WHERE e.contact_id = s.id) AS classNames
        FROM contacts s WHERE s.kind = 'student' AND s.archived_at IS NULL AND s.family_id IS NOT NULL AND s.birthday LIKE ? ORDER BY s.first_name, s.id`),
      studentBirthdayDays: db.prepare(`SELECT DISTINCT substr(birthday, 6, 5) AS day FROM contacts
        WHERE kind = 'student' AND family_id IS NOT NULL AND archived_at IS NULL AND birthday IS NOT NULL ORDER BY day`),
    };
  }

  list(): StoredWorkflow[] {
    return (this.s.list.all() as unknown as WorkflowRow[]).map(toWorkflow);
  }

  get(id: number): StoredWorkflow | null {
    const row = this.s.get.get(id) as WorkflowRow | undefined;
    return row === undefined ? null : toWorkflow(row);
  }

  save(w: WorkflowWrite): number | null {
    const [trigger, audience, enabled] = [JSON.stringify(w.trigger), JSON.stringify(w.audience), w.enabled ? 1 : 0];
    if (w.id === null) {
      return Number(this.s.insert.run(w.name, trigger, audience, w.body, enabled, w.checkedUpTo, w.contactsAfter, w.staffId, w.at, w.staffId, w.at).lastInsertRowid);
    }
    const changed = this.s.update.run(w.name, trigger, audience, w.body, enabled, enabled, w.checkedUpTo, w.contactsAfter, w.staffId, w.at, w.id).changes;
    return Number(changed) === 1 ? w.id : null;
  }

  remove(id: number): boolean {
    return Number(this.s.remove.run(id).changes) === 1;
  }

  setEnabled(id: number, enabled: boolean, staffId: string | null, at: number): void {
    this.s.enable.run(enabled ? 1 : 0, enabled ? 1 : 0, staffId, at, id);
  }

  pause(id: number, reason: 'credits'): void {
    this.s.pause.run(reason, id);
  }

  checkedUpTo(id: number, at: number): void {
    this.s.checked.run(at, id);
  }

  contactsAfter(id: number, contactId: number): void {
    this.s.contactsAfter.run(contactId, id);
  }

  claim(r: RunRecord): boolean {
    const result = this.s.claim.run(r.workflowId, r.occurrenceAt, r.contactId, r.ranAt, r.outcome, r.texts, r.credits, r.leftOut, r.note, r.batchId);
    return Number(result.changes) === 1;
  }

  handled(workflowId: number, occurrenceAt: number, contactId: number): boolean {
    return this.s.handled.get(workflowId, occurrenceAt, contactId) !== undefined;
  }

  runs(workflowId: number, limit: number): WorkflowRun[] {
    return this.s.runs.all(workflowId, limit) as unknown as WorkflowRun[];
  }

  lastContactId(): number {
    return (this.s.lastContact.get() as { id: number }).id;
  }

  contactsAddedAfter(afterId: number, limit: number): Array<{ id: number; createdAt: number }> {
    return this.s.added.all(afterId, limit) as unknown as Array<{ id: number; createdAt: number }>;
  }

  birthdayDays(students: boolean): string[] {
    return ((students ? this.s.studentBirthdayDays : this.s.birthdayDays).all() as Array<{ day: string }>).map((r) => r.day);
  }

  birthdayStudents(monthDay: string): BirthdayStudent[] {
    const rows = this.s.birthdayStudents.all(`____-${monthDay}`) as Array<{ id: number; firstName: string; guardianIds: string; classNames: string }>;
    return rows.map((r) => ({ id: r.id, firstName: r.firstName, guardianIds: JSON.parse(r.guardianIds) as number[], classNames: JSON.parse(r.classNames) as string[] }));
  }

  birthdaysOn(monthDay: string): number[] {
    return (this.s.birthdays.all(`____-${monthDay}`) as Array<{ id: number }>).map((r) => r.id);
  }
}
