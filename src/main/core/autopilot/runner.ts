import { AppError, type DataArea } from '../../../shared/contract';
import type { ComposeAudience } from '../../../shared/contract/audiences';
import { formatCredits } from '../../../shared/credits/credits';
import { describeOpening, isWithinHours, nextOpening } from '../../../shared/hours/sms-hours';
import type { AudienceService } from '../audiences/audience-service';
import type { ResolvedAudience } from '../audiences/households';
import { preflight } from '../audiences/preflight';
import type { Clock } from '../ports/clock';
import type { SettingsStore } from '../ports/settings-store';
import type { Storage } from '../ports/storage';
import type { RunRecord, StoredWorkflow } from '../ports/stores/autopilot-store';
import type { SendService } from '../sending/send-service';
import { birthdayAudience } from './birthday-audience';
import { occurrencesBetween, type OccurrenceContext } from './occurrences';
import { dayOf, monthDayOf, wallAt } from './zone-time';

/** An occurrence older than this when the desk gets to it is logged as skipped, not sent (a week-old reminder helps nobody). */
export const DEFAULT_CATCH_UP_MS = 6 * 60 * 60_000;
/** Occurrences handled per workflow per look; the rest wait for the next look. */
const PER_LOOK = 200;

export interface RunnerDeps {
  storage: Storage;
  settings: SettingsStore;
  clock: Clock;
  sends: SendService;
  audiences: AudienceService;
  businessName(): Promise<string>;
  catchUpMs?: number;
  /** Runs were logged (and texts queued, credits held) or a workflow paused: the screens showing these areas refresh. */
  changed(areas: readonly DataArea[]): void;
}

/** Thrown inside the queueing transaction when the occurrence was already handled: nothing of this try is kept. */
class AlreadyHandled extends Error {}

/** `waiting`: a new contact whose number is not opted in yet; looked at again until the catch-up limit. */
type Fired = 'done' | 'paused' | 'waiting';

/**
 * Fires what fell due. Each occurrence is claimed in the run log and its texts queued through the
 * sending engine in ONE storage transaction, so a crash leaves both or neither, and the claim's
 * unique key makes it fire once however often the desk looks (restarts included).
 *
 * Autopilot always honors Available SMS Hours: its texts are queued with the hours honored and no
 * override, and the engine holds them until the next opening in the business's time zone.
 */
export class AutopilotRunner {
  constructor(private readonly deps: RunnerDeps) {}

  private get catchUpMs(): number {
    return this.deps.catchUpMs ?? DEFAULT_CATCH_UP_MS;
  }

  /** Looks at every running workflow once. */
  /** Looks at every running workflow once; one that fails does not hold the others back (the first failure is rethrown after). */
  async runDue(): Promise<void> {
    const failures: unknown[] = [];
    for (const workflow of await this.deps.storage.autopilot.list()) {
      if (!workflow.enabled || workflow.pausedReason !== null) continue;
      await this.runWorkflow(workflow).catch((error: unknown) => failures.push(error));
    }
    if (failures.length > 0) throw failures[0];
  }

  async context(workflow: Pick<StoredWorkflow, 'trigger'>): Promise<OccurrenceContext> {
    const timeZone = this.deps.settings.read().messageOptions.availableHours.timeZone;
    if (workflow.trigger.kind !== 'classSession') return { timeZone, meetings: [] };
    const { classId } = workflow.trigger;
    const found = (await this.deps.storage.contacts.listClasses()).find((c) => c.id === classId);
    return { timeZone, meetings: found?.schedule ?? [] };
  }

  private async runWorkflow(workflow: StoredWorkflow): Promise<void> {
    const now = this.deps.clock.now();
    if (workflow.trigger.kind === 'newContact') {
      // Staff often add someone and opt their number in a moment later: a contact not opted in yet
      // is looked at again on later looks, so the mark moves only past contacts handled in a row.
      let inARow = true;
      for (const contact of await this.deps.storage.autopilot.contactsAddedAfter(workflow.contactsAfter, PER_LOOK)) {
        if (await this.deps.storage.autopilot.handled(workflow.id, contact.createdAt, contact.id)) {
          if (inARow) await this.deps.storage.autopilot.contactsAfter(workflow.id, contact.id);
          continue;
        }
        const fired = await this.fire(workflow, contact.createdAt, contact.id, { selection: { contactIds: [contact.id] } }, now);
        if (fired === 'paused') return;
        if (fired === 'waiting') inARow = false;
        else if (inARow) await this.deps.storage.autopilot.contactsAfter(workflow.id, contact.id);
      }
      return;
    }
    const due = occurrencesBetween(workflow.trigger, await this.context(workflow), workflow.checkedUpTo, now, PER_LOOK);
    for (const at of due) {
      const fired = await this.fire(workflow, at, 0, null, now);
      if (fired === 'paused') return;
      await this.deps.storage.autopilot.checkedUpTo(workflow.id, at);
    }
    if (due.length < PER_LOOK) await this.deps.storage.autopilot.checkedUpTo(workflow.id, now);
  }

  /** Who one occurrence texts; null when nobody does (a birthday trigger on a day with no birthday that counts). */
  async occurrenceAudience(workflow: Pick<StoredWorkflow, 'trigger' | 'audience'>, at: number, given: ComposeAudience | null = null): Promise<ResolvedAudience | null> {
    if (given !== null) return this.deps.audiences.resolve(given);
    if (workflow.trigger.kind !== 'birthday') return this.deps.audiences.resolve(workflow.audience);
    const timeZone = this.deps.settings.read().messageOptions.availableHours.timeZone;
    return birthdayAudience(this.deps, workflow.trigger.texts, workflow.audience, monthDayOf(dayOf(wallAt(timeZone, at))));
  }

  private async fire(workflow: StoredWorkflow, at: number, contactId: number, given: ComposeAudience | null, now: number): Promise<Fired> {
    const base = { workflowId: workflow.id, occurrenceAt: at, contactId, ranAt: now, texts: 0, credits: 0, leftOut: 0, batchId: null };
    const late = now - at > this.catchUpMs;
    if (late && contactId > 0 && (await this.notOptedInYet(given))) {
      await this.log({ ...base, outcome: 'skipped', note: `Not sent: their number was not opted in within ${hoursText(this.catchUpMs)} of being added.` });
      return 'done';
    }
    if (late) {
      await this.log({ ...base, outcome: 'skipped', note: `Not sent: the desk was not running when this was due, and it is more than ${hoursText(this.catchUpMs)} late.` });
      return 'done';
    }
    const resolved = await this.occurrenceAudience(workflow, at, given);
    // A birthday trigger's day with no birthday: nothing to do, nothing to log.
    if (resolved === null) return 'done';
    const { households, excluded } = resolved;
    const options = this.deps.settings.read().messageOptions;
    const measured = preflight(households, workflow.body, options, await this.deps.businessName());
    const leftOut = excluded.length;
    if (measured.unknownFields.length > 0) {
      await this.log({ ...base, leftOut, outcome: 'failed', note: `Not sent: ${measured.unknownFields.join(', ')} cannot be filled in. Fix the message.` });
      return 'done';
    }
    if (measured.messages.length === 0) {
      if (contactId > 0 && excluded.some((e) => e.reason === 'never_opted_in')) return 'waiting';
      await this.log({ ...base, leftOut, outcome: 'skipped', note: 'Nobody in the audience can be texted (opted out, not opted in yet, or no number).' });
      return 'done';
    }
    const hours = options.availableHours;
    const opening = isWithinHours(hours, now) ? null : nextOpening(hours, now);
    const note = opening === null ? null : `Outside Available SMS Hours: the texts wait until ${describeOpening(hours, opening, now)}.`;
    try {
      await this.deps.storage.transaction(async (tx) => {
        const queued = await this.deps.sends.queue({
          kind: 'automated', body: workflow.body, recipients: measured.messages.map((m) => m.phone), personal: measured.messages.map((m) => m.text),
          // Autopilot never uses the Mass Text Availability Override.
          honorHours: true, notBefore: null, createdBy: null, overrideReason: null,
        }, tx);
        const claimed = await tx.autopilot.claim({
          ...base, outcome: 'queued', texts: measured.messages.length, credits: measured.credits, leftOut, note, batchId: queued.batch.id,
        });
        if (!claimed) throw new AlreadyHandled();
      });
    } catch (error) {
      if (error instanceof AlreadyHandled) return 'done';
      if (error instanceof AppError && error.code === 'INSUFFICIENT_CREDITS') return this.pauseForCredits(workflow, base, measured.credits, leftOut);
      if (error instanceof AppError && error.code === 'INVALID_INPUT') {
        await this.log({ ...base, leftOut, outcome: 'failed', note: `Not sent: ${error.message}` });
        return 'done';
      }
      throw error;
    }
    this.deps.changed(['autopilot', 'sends', 'credits']);
    return 'done';
  }

  /** The balance cannot pay: the run is logged, the workflow stops, and admins see a notice on the Credits screen. */
  private async pauseForCredits(workflow: StoredWorkflow, base: Omit<RunRecord, 'outcome' | 'note'>, credits: number, leftOut: number): Promise<Fired> {
    const mode = this.deps.settings.read().mode;
    await this.deps.storage.transaction(async (tx) => {
      if (!(await tx.autopilot.claim({ ...base, leftOut, credits, outcome: 'failed', note: `Not sent: it needed ${formatCredits(credits)} and the balance could not pay. The workflow is paused.` }))) return;
      await tx.autopilot.pause(workflow.id, 'credits');
      await tx.billing.addNotice(mode, 'problem', `Autopilot paused “${workflow.name}”: not enough credits to send it. Buy credits or turn on Auto Renew Credits, then turn the workflow on again.`, base.ranAt);
    });
    // The notice for admins is on the Credits screen.
    this.deps.changed(['autopilot', 'credits']);
    return 'paused';
  }

  /** A new contact with a number that has not opted in yet (nor out). */
  private async notOptedInYet(audience: ComposeAudience | null): Promise<boolean> {
    if (audience === null) return false;
    const { households, excluded } = await this.deps.audiences.resolve(audience);
    return households.length === 0 && excluded.some((e) => e.reason === 'never_opted_in');
  }

  private async log(run: RunRecord): Promise<void> {
    if (await this.deps.storage.autopilot.claim(run)) this.deps.changed(['autopilot']);
  }
}

function hoursText(ms: number): string {
  const hours = Math.round(ms / 3_600_000);
  return hours === 1 ? '1 hour' : `${hours} hours`;
}
