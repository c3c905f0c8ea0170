import type { Trigger, WorkflowRun } from '../../../../shared/contract/autopilot';
import type { ComposeAudience } from '../../../../shared/contract/audiences';

/** A workflow as kept; `nextRun` is worked out by the scheduler, not stored. */
export interface StoredWorkflow {
  id: number;
  name: string;
  trigger: Trigger;
  audience: ComposeAudience;
  body: string;
  enabled: boolean;
  pausedReason: 'credits' | null;
  checkedUpTo: number;
  contactsAfter: number;
  /** Staff names, for display. */
  createdBy: string | null;
  createdAt: number;
  updatedBy: string | null;
  updatedAt: number;
}

export interface WorkflowWrite {
  id: number | null;
  name: string;
  trigger: Trigger;
  audience: ComposeAudience;
  body: string;
  enabled: boolean;
  staffId: string | null;
  at: number;
  /** Where the scheduler starts: occurrences after this are due (a new or changed workflow never fires for the past). */
  checkedUpTo: number;
  contactsAfter: number;
}

/** One occurrence handled, as the run log keeps it. */
export interface RunRecord {
  workflowId: number;
  occurrenceAt: number;
  /** The new contact of a new-contact trigger; 0 otherwise. */
  contactId: number;
  ranAt: number;
  outcome: WorkflowRun['outcome'];
  texts: number;
  credits: number;
  leftOut: number;
  note: string | null;
  batchId: number | null;
}

/** A student whose birthday it is: who to text (the family's current guardians) and what to name. */
export interface BirthdayStudent {
  id: number;
  firstName: string;
  guardianIds: number[];
  classNames: string[];
}

/** Autopilot's workflows and their run log (migration 0013). */
export interface AutopilotStore {
  list(): Promise<StoredWorkflow[]>;
  get(id: number): Promise<StoredWorkflow | null>;
  /** Adds (no id) or replaces one; returns its id, or null when the id names none. */
  save(workflow: WorkflowWrite): Promise<number | null>;
  remove(id: number): Promise<boolean>;
  setEnabled(id: number, enabled: boolean, staffId: string | null, at: number): Promise<void>;
  /** The workflow stopped by itself; it stays off until staff turn it on. */
  pause(id: number, reason: 'credits'): Promise<void>;
  /** Occurrences up to `at` have been handled. Never moves back. */
  checkedUpTo(id: number, at: number): Promise<void>;
  /** New contacts up to this id have been handled. Never moves back. */
  contactsAfter(id: number, contactId: number): Promise<void>;

  /**
   * Claims an occurrence: true the first time only. Call inside the transaction that queues its
   * texts, so the claim and the texts commit together or not at all.
   */
  claim(run: RunRecord): Promise<boolean>;
  /** Whether this occurrence was handled already (a look that would only repeat it can stop early). */
  handled(workflowId: number, occurrenceAt: number, contactId: number): Promise<boolean>;
  /** Newest first. */
  runs(workflowId: number, limit: number): Promise<WorkflowRun[]>;

  /** The largest contact id so far (0 when none): a new-contact workflow starts after it. */
  lastContactId(): Promise<number>;
  /** Current contacts added after `afterId`, oldest first. */
  contactsAddedAfter(afterId: number, limit: number): Promise<Array<{ id: number; createdAt: number }>>;
  /** Current contacts whose birthday (yyyy-mm-dd) falls on this month and day ('mm-dd'). */
  birthdaysOn(monthDay: string): Promise<number[]>;
  /** Current students in a family whose birthday falls on this month and day ('mm-dd'), with their guardians and classes. */
  birthdayStudents(monthDay: string): Promise<BirthdayStudent[]>;
  /** Every month and day ('mm-dd') on which some current contact (only students in a family, with `students`) has a birthday, in one read. */
  birthdayDays(students: boolean): Promise<string[]>;
}
