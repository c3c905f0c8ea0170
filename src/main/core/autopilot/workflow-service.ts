import { AppError } from '../../../shared/contract';
import type { PreviewRun, Trigger, Workflow, WorkflowRun } from '../../../shared/contract/autopilot';
import { workflowInputSchema } from '../../../shared/contract/autopilot';
import { composeAudienceSchema, type ComposeAudience } from '../../../shared/contract/audiences';
import { nextOpening } from '../../../shared/hours/sms-hours';
import { scanMergeFields } from '../../../shared/sms/merge-fields';
import type { z } from 'zod';
import type { AudienceService } from '../audiences/audience-service';
import type { ResolvedAudience } from '../audiences/households';
import { preflight } from '../audiences/preflight';
import type { Clock } from '../ports/clock';
import type { SettingsStore } from '../ports/settings-store';
import type { Storage } from '../ports/storage';
import type { StoredWorkflow } from '../ports/stores/autopilot-store';
import { nextOccurrences } from './occurrences';
import type { AutopilotRunner } from './runner';
import { dayOf, monthDayOf, wallAt } from './zone-time';

type WorkflowInput = z.output<typeof workflowInputSchema>;

/** How many runs the preview shows, and how many lines of a run log a screen reads. */
export const PREVIEW_RUNS = 10;
const RUN_LOG_LINES = 200;

export interface WorkflowServiceDeps {
  storage: Storage;
  settings: SettingsStore;
  clock: Clock;
  audiences: AudienceService;
  runner: AutopilotRunner;
  businessName(): Promise<string>;
}

/** Autopilot's workflows as the screens see them: saved, switched, previewed, with their run log. */
export class WorkflowService {
  constructor(private readonly deps: WorkflowServiceDeps) {}

  async list(): Promise<Workflow[]> {
    return Promise.all((await this.deps.storage.autopilot.list()).map((w) => this.view(w)));
  }

  async get(id: number): Promise<Workflow> {
    const found = await this.deps.storage.autopilot.get(id);
    if (found === null) throw new AppError('NOT_FOUND', 'That workflow no longer exists.');
    return this.view(found);
  }

  /**
   * A new or changed workflow looks for occurrences only from now on: saving never fires a time
   * already past, and a new-contact trigger greets only people added after it was saved.
   */
  async save(input: WorkflowInput, staffId: string | null): Promise<Workflow> {
    const now = this.deps.clock.now();
    // Refused here rather than found out at the first run, when no one is watching.
    const unknown = [...scanMergeFields(input.body).unknown];
    if (unknown.length > 0) {
      throw new AppError('INVALID_INPUT', `${unknown.join(', ')} ${unknown.length === 1 ? 'is not a field' : 'are not fields'} we can fill in. Pick fields from the Insert field menu, or remove the braces.`);
    }
    if (input.trigger.kind === 'once' && input.enabled && nextOccurrences(input.trigger, await this.deps.runner.context(input), now, 1).length === 0) {
      throw new AppError('INVALID_INPUT', 'That date and time has passed. Pick one still to come.');
    }
    if (input.trigger.kind === 'classSession') {
      const classId = input.trigger.classId;
      if (!(await this.deps.storage.contacts.listClasses()).some((c) => c.id === classId)) throw new AppError('INVALID_INPUT', 'Pick a class that exists.');
    }
    const id = await this.deps.storage.autopilot.save({
      ...input, staffId, at: now, checkedUpTo: now, contactsAfter: await this.deps.storage.autopilot.lastContactId(),
    });
    if (id === null) throw new AppError('NOT_FOUND', 'That workflow no longer exists.');
    return this.get(id);
  }

  /** Turned on again, a workflow starts from now: what fell due while it was off or paused is not sent late. */
  async setEnabled(id: number, enabled: boolean, staffId: string | null): Promise<Workflow> {
    await this.get(id);
    const now = this.deps.clock.now();
    await this.deps.storage.transaction(async (tx) => {
      await tx.autopilot.setEnabled(id, enabled, staffId, now);
      if (!enabled) return;
      await tx.autopilot.checkedUpTo(id, now);
      await tx.autopilot.contactsAfter(id, await tx.autopilot.lastContactId());
    });
    return this.get(id);
  }

  remove(id: number): Promise<boolean> {
    return this.deps.storage.autopilot.remove(id);
  }

  async runs(id: number): Promise<WorkflowRun[]> {
    await this.get(id);
    return this.deps.storage.autopilot.runs(id, RUN_LOG_LINES);
  }

  /** The next runs with the audience each would reach now and the credits it would take. */
  async preview(input: { trigger: Trigger; audience: ComposeAudience; body: string }): Promise<PreviewRun[]> {
    if (input.trigger.kind === 'newContact') return [];
    const now = this.deps.clock.now();
    const times = await this.nextRuns(input.trigger, now, PREVIEW_RUNS);
    const hours = this.deps.settings.read().messageOptions.availableHours;
    // A birthday run's people depend on whose birthday it is: measured run by run.
    const size = input.trigger.kind === 'birthday' ? null : await this.measure(await this.deps.runner.occurrenceAudience(input, now), input.body);
    return Promise.all(times.map(async (at) => {
      const { recipients, credits } = size ?? (await this.measure(await this.deps.runner.occurrenceAudience(input, at), input.body));
      return { at, sendsAt: nextOpening(hours, at), recipients, credits };
    }));
  }

  /** The next runs; a birthday trigger runs only on days someone has a birthday. */
  private async nextRuns(trigger: Trigger, from: number, count: number): Promise<number[]> {
    const context = await this.deps.runner.context({ trigger });
    if (trigger.kind !== 'birthday') return nextOccurrences(trigger, context, from, count);
    const days = new Set(await this.deps.storage.autopilot.birthdayDays(trigger.texts === 'guardians'));
    if (days.size === 0) return [];
    return nextOccurrences(trigger, context, from, 366).filter((at) => days.has(monthDayOf(dayOf(wallAt(context.timeZone, at))))).slice(0, count);
  }

  private async measure(resolved: ResolvedAudience | null, body: string): Promise<{ recipients: number; credits: number }> {
    if (resolved === null) return { recipients: 0, credits: 0 };
    const measured = preflight(resolved.households, body, this.deps.settings.read().messageOptions, await this.deps.businessName());
    return { recipients: measured.messages.length, credits: measured.credits };
  }

  private async view(w: StoredWorkflow): Promise<Workflow> {
    const running = w.enabled && w.pausedReason === null && w.trigger.kind !== 'newContact';
    const next = running ? (await this.nextRuns(w.trigger, Math.max(w.checkedUpTo, this.deps.clock.now()), 1))[0] ?? null : null;
    return {
      id: w.id, name: w.name, trigger: w.trigger, audience: composeAudienceSchema.parse(w.audience), body: w.body, enabled: w.enabled, pausedReason: w.pausedReason,
      createdBy: w.createdBy, createdAt: w.createdAt, updatedBy: w.updatedBy, updatedAt: w.updatedAt, nextRun: next,
    };
  }
}
