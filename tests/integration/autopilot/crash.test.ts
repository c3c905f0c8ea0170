import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';

const CHILD = join(__dirname, 'crash-child.ts');
/** Saturday 7 March 2026, noon in New York; the workflow is due Sunday at 10:00. */
const SATURDAY = Date.parse('2026-03-07T17:00:00Z');
const SUNDAY_AFTER_TEN = Date.parse('2026-03-08T14:00:30Z');

/** One look by Autopilot in its own process; resolves with how it ended (killed or done). */
function look(db: string, now: number, env: Record<string, string> = {}): Promise<{ signal: NodeJS.Signals | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD], { env: { ...process.env, AUTOPILOT_DB: db, AUTOPILOT_NOW: String(now), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code, signal) => (code !== 0 && signal === null ? reject(new Error(`child failed: ${err}`)) : resolve({ signal, out })));
  });
}

/** What the database holds after the process died: the run log and the automated sends. */
function after(db: string) {
  const file = new DatabaseSync(db);
  const runs = file.prepare('SELECT occurrence_at AS at, outcome, batch_id AS batchId FROM autopilot_runs').all();
  const sends = file.prepare("SELECT id, recipient_count AS recipients FROM send_batches WHERE kind = 'automated'").all();
  file.close();
  return { runs, sends };
}

describe('Autopilot killed in the middle of a run', () => {
  it.each(['after-queue', 'after-claim'])('killed %s: nothing of the run is kept, and the next start sends it exactly once', async (moment) => {
    const db = join(mkdtempSync(join(tmpdir(), 'autopilot-crash-')), 'desk.sqlite');
    expect((await look(db, SATURDAY, { AUTOPILOT_SETUP: '1' })).out).toContain('done');
    expect(after(db)).toEqual({ runs: [], sends: [] });

    const killed = await look(db, SUNDAY_AFTER_TEN, { AUTOPILOT_KILL: moment });
    expect(killed.signal).toBe('SIGKILL');
    expect(after(db)).toEqual({ runs: [], sends: [] });

    // Started again (twice): the run goes out once, claimed with its send.
    expect((await look(db, SUNDAY_AFTER_TEN + 60_000)).out).toContain('done');
    expect((await look(db, SUNDAY_AFTER_TEN + 120_000)).out).toContain('done');
    const { runs, sends } = after(db);
    expect(sends).toEqual([{ id: expect.any(Number), recipients: 1 }]);
    expect(runs).toEqual([{ at: Date.parse('2026-03-08T14:00:00Z'), outcome: 'queued', batchId: (sends[0] as { id: number }).id }]);
  }, 60_000);
});
