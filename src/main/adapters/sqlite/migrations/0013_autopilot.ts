export default `
-- Autopilot: texts sent by themselves when a trigger falls due (SPEC §9). The trigger and the
-- audience are JSON in the shapes of src/shared/contract/autopilot.ts.
CREATE TABLE autopilot_workflows (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
  trigger TEXT NOT NULL,
  audience TEXT NOT NULL,
  body TEXT NOT NULL CHECK (length(body) BETWEEN 1 AND 1600),
  enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  -- Set when the workflow stopped by itself ('credits'); cleared when staff turn it on again.
  paused_reason TEXT CHECK (paused_reason IN ('credits')),
  -- Occurrences up to here have been looked at (fired, or logged as skipped); the scheduler
  -- starts from here after a restart, so time the app was closed is caught up.
  checked_up_to INTEGER NOT NULL,
  -- New-contact trigger: contacts with a larger id have not been looked at yet.
  contacts_after INTEGER NOT NULL DEFAULT 0,
  created_by TEXT REFERENCES staff(id),
  created_at INTEGER NOT NULL,
  updated_by TEXT REFERENCES staff(id),
  updated_at INTEGER NOT NULL
) STRICT;

-- One row per occurrence handled: the key makes each occurrence fire once. It is written in the
-- transaction that queues the occurrence's texts, so a crash leaves both or neither. contact_id
-- is the new contact for a new-contact trigger, 0 otherwise. The row is the run log too.
CREATE TABLE autopilot_runs (
  id INTEGER PRIMARY KEY,
  workflow_id INTEGER NOT NULL REFERENCES autopilot_workflows(id) ON DELETE CASCADE,
  occurrence_at INTEGER NOT NULL,
  contact_id INTEGER NOT NULL DEFAULT 0,
  ran_at INTEGER NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('queued', 'skipped', 'failed')),
  texts INTEGER NOT NULL DEFAULT 0,
  credits INTEGER NOT NULL DEFAULT 0,
  left_out INTEGER NOT NULL DEFAULT 0,
  note TEXT,
  batch_id INTEGER REFERENCES send_batches(id),
  UNIQUE (workflow_id, occurrence_at, contact_id)
) STRICT;
CREATE INDEX autopilot_runs_newest ON autopilot_runs (workflow_id, ran_at DESC, id DESC);
`;
