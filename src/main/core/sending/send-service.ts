import { AppError, MAX_SCHEDULE_AHEAD_MS, SCHEDULE_TOO_FAR, SKIPPED_SHOWN, massSendInputSchema, type BatchSummary, type Mode, type QueuedSend, type SendEstimate } from '../../../shared/contract';
import type { z } from 'zod';
import { creditsForSend } from '../../../shared/credits/credits';
import { describeOpening, isWithinHours, nextOpening } from '../../../shared/hours/sms-hours';
import { previewOutbound, type OutboundKind } from '../../../shared/sms/compose';
import { measureSms } from '../../../shared/sms/segments';
import type { Clock } from '../ports/clock';
import type { SettingsStore } from '../ports/settings-store';
import type { Storage } from '../ports/storage';
import type { Caller } from '../router';
import { CreditLedger } from './credit-ledger';
import { RecipientReader, applyRecipientRules, type CheckedRecipients, type RecipientFacts, type RecipientRules } from './recipient-reader';
import type { SendWriter } from './send-writer';

type MassSend = z.output<typeof massSendInputSchema>;

export interface QueueRequest {
  kind: OutboundKind;
  body: string;
  recipients: readonly string[];
  honorHours: boolean;
  notBefore: number | null;
  createdBy: string | null;
  overrideReason?: string | null;
  consentEventId?: number | null;
  /**
   * Merge fields: each recipient's own text as the carrier receives it (header and footer
   * included), in the order of `recipients`. Absent: `body` with header and footer for everyone.
   */
  personal?: readonly string[];
}

/** A recipient of a send with merge fields, with the text that is theirs alone (header and footer included). */
export interface PersonalRecipient {
  to: string;
  text: string;
}

export interface SendServiceDeps {
  /** Opted-out numbers are never texted; mass sends reach only numbers that opted in (SPEC §5, §7). */
  storage: Storage;
  /** Writes a send's messages; a cancel first finishes writing them. */
  writer: SendWriter;
  settings: SettingsStore;
  clock: Clock;
  /** Writes an audit entry (the override of Available SMS Hours). */
  audit(entry: { staffId: string | null; action: string; detail: string; override: boolean }): void;
  /** Wakes the dispatcher: new work is waiting. */
  notify(): void;
  /**
   * Reads a recipient list as `RecipientReader` does, elsewhere: the app reads big lists in the
   * sending thread, off the main thread. Null (or absent): read here.
   */
  readRecipients?(raws: readonly string[], country: string): Promise<RecipientFacts | null>;
}

/** Turns "send this to these people" into outbox rows and a credit hold, or refuses with a reason. */
export class SendService {
  private readonly reader: RecipientReader;

  constructor(private readonly deps: SendServiceDeps) {
    this.reader = new RecipientReader(deps.storage.consent);
  }

  private mode(): Mode {
    return this.deps.settings.read().mode;
  }

  /** What the composer shows before anything is sent: reach, cost and hours, by the rules `queueMass` applies. Writes nothing. */
  async estimateMass(input: { recipients: readonly string[]; body: string }, caller: Caller): Promise<SendEstimate> {
    const { recipients, skipped } = await this.cleanRecipients(input.recipients, { requireOptIn: true });
    const options = this.deps.settings.read().messageOptions;
    const segments = previewOutbound(input.body, options, 'mass').measure.segments;
    return {
      recipients: recipients.length,
      skipped: skipped.slice(0, SKIPPED_SHOWN),
      skippedCount: skipped.length,
      segmentsPerRecipient: segments,
      credits: creditsForSend(segments, recipients.length),
      balance: await new CreditLedger(this.deps.storage).balance(this.mode()),
      outsideHours: this.outsideHours(this.deps.clock.now()),
      canOverrideHours: caller.permissions.includes('availabilityOverride'),
    };
  }

  private outsideHours(now: number): SendEstimate['outsideHours'] {
    const hours = this.deps.settings.read().messageOptions.availableHours;
    if (isWithinHours(hours, now)) return null;
    const opening = nextOpening(hours, now);
    return {
      nextOpening: opening,
      description: opening === null ? 'No sending hours are set.' : `Texts can go out again ${describeOpening(hours, opening, now)}.`,
    };
  }

  /** A mass send from the composer: checks the recipients, Available SMS Hours, credits. */
  async queueMass(input: MassSend, caller: Caller): Promise<QueuedSend> {
    const { recipients, skipped } = await this.cleanRecipients(input.recipients, { requireOptIn: true });
    return this.queueTimed(input, recipients, undefined, skipped, caller);
  }

  /**
   * A mass send with merge fields: the recipients were chosen and checked by the caller (one
   * text per phone, opted in); Available SMS Hours, the schedule and credits as `queueMass`.
   * A number that opts out meanwhile is still never texted (see SendWriter).
   */
  async queuePersonal(input: Omit<MassSend, 'recipients'>, recipients: readonly PersonalRecipient[], skipped: QueuedSend['skipped'], caller: Caller): Promise<QueuedSend> {
    return this.queueTimed(input, recipients.map((r) => r.to), recipients.map((r) => r.text), skipped, caller);
  }

  private async queueTimed(
    input: Omit<MassSend, 'recipients'>, recipients: string[], personal: readonly string[] | undefined, skipped: QueuedSend['skipped'], caller: Caller,
  ): Promise<QueuedSend> {
    const now = this.deps.clock.now();
    const hours = this.deps.settings.read().messageOptions.availableHours;
    if (input.timing.kind === 'at' && input.timing.at > now + MAX_SCHEDULE_AHEAD_MS) throw new AppError('INVALID_INPUT', SCHEDULE_TOO_FAR);
    let notBefore: number | null = input.timing.kind === 'at' ? input.timing.at : null;
    let honorHours = true;
    const outside = input.timing.kind === 'now' ? this.outsideHours(now) : null;
    if (outside !== null) {
      if (input.overrideReason === undefined) {
        throw new AppError('OUTSIDE_SMS_HOURS', `It is outside Available SMS Hours. ${outside.description} Schedule it for then, or send anyway with a reason if you may override.`, {
          nextOpening: outside.nextOpening,
        });
      }
      if (!caller.permissions.includes('availabilityOverride')) {
        throw new AppError('PERMISSION_DENIED', 'Sending outside Available SMS Hours needs the Mass Text Availability Override permission.');
      }
      honorHours = false;
    }
    if (input.timing.kind === 'next_opening') notBefore = nextOpening(hours, now);
    const queued = await this.queue({
      kind: 'mass', body: input.body, recipients, honorHours, notBefore, createdBy: caller.staffId, overrideReason: honorHours ? null : (input.overrideReason ?? null),
      ...(personal === undefined ? {} : { personal }),
    });
    if (!honorHours) {
      this.deps.audit({ staffId: caller.staffId, action: 'sends.overrideHours', detail: `Batch ${queued.batch.id} to ${recipients.length} recipients: ${input.overrideReason ?? ''}`, override: true });
    }
    return { ...queued, skipped };
  }

  /** A new send of the same message to the numbers a mass send failed to reach; every rule of a mass send applies. */
  async retryFailed(batchId: number, overrideReason: string | undefined, caller: Caller): Promise<QueuedSend> {
    const batch = await this.deps.storage.outbox.retryable(batchId);
    if (batch === null) throw new AppError('NOT_FOUND', 'That send no longer exists.');
    if (batch.kind !== 'mass') throw new AppError('INVALID_INPUT', 'Only a text sent from Compose can be retried this way.');
    if (batch.numbers.length === 0) throw new AppError('INVALID_INPUT', 'Nothing in that send failed.');
    if (batch.texts.some((text) => text !== null)) return this.retryPersonal(batch, overrideReason, caller);
    return this.queueMass({ recipients: batch.numbers, body: batch.body, timing: { kind: 'now' }, ...(overrideReason === undefined ? {} : { overrideReason }) }, caller);
  }

  /** A send with merge fields is retried with each number's own text, after the same consent checks as any mass send. */
  private async retryPersonal(batch: { body: string; numbers: string[]; texts: Array<string | null> }, overrideReason: string | undefined, caller: Caller): Promise<QueuedSend> {
    const { recipients, skipped } = await this.cleanRecipients(batch.numbers, { requireOptIn: true });
    const textOf = new Map(batch.numbers.map((to, i) => [to, batch.texts[i] ?? batch.body]));
    const personal = recipients.map((to) => ({ to, text: textOf.get(to) ?? batch.body }));
    return this.queuePersonal({ body: batch.body, timing: { kind: 'now' }, ...(overrideReason === undefined ? {} : { overrideReason }) }, personal, skipped, caller);
  }

  /** A 1:1 reply: never held back by Available SMS Hours (the family is waiting for an answer). */
  async queueReply(to: string, body: string, caller: Caller): Promise<QueuedSend> {
    // A reply answers someone who texted in: no opt-in needed, but never to an opted-out number.
    const { recipients, skipped } = await this.cleanRecipients([to], { requireOptIn: false });
    if (recipients.length === 0) throw new AppError('INVALID_INPUT', skipped[0]?.reason ?? 'Not a valid phone number.');
    return this.queue({ kind: 'reply', body, recipients, honorHours: false, notBefore: null, createdBy: caller.staffId });
  }

  /**
   * Validates and commits a send: the batch, its recipient list and the credit hold in one
   * transaction. A caller already inside a transaction passes its `tx` so the send joins it.
   */
  async queue(request: QueueRequest, within: Storage = this.deps.storage): Promise<QueuedSend> {
    const options = this.deps.settings.read().messageOptions;
    const preview = previewOutbound(request.body, options, request.kind);
    const personal = request.personal?.map((text) => ({ text, measure: measureSms(text) }));
    const tooLong = personal?.filter((p) => p.measure.segments > options.maxPartsPerMessage || p.measure.characters > 1600).length ?? 0;
    if (tooLong > 0) {
      throw new AppError('INVALID_INPUT', `${tooLong === 1 ? 'One text is' : `${tooLong} texts are`} longer than ${options.maxPartsPerMessage} parts once names are filled in. Shorten the message or ask an admin to raise the limit.`, {
        limit: options.maxPartsPerMessage,
      });
    }
    if (personal !== undefined && personal.length !== request.recipients.length) throw new Error('each recipient needs its own text');
    if (personal === undefined && preview.tooLong) {
      throw new AppError(
        'INVALID_INPUT',
        `With header and footer this message is ${preview.measure.segments} parts; the limit is ${options.maxPartsPerMessage}. Shorten it or ask an admin to raise the limit.`,
        { segments: preview.measure.segments, limit: options.maxPartsPerMessage },
      );
    }
    if (request.recipients.length === 0) throw new AppError('INVALID_INPUT', 'None of the chosen numbers can be texted.');
    const mode = this.mode();
    const now = this.deps.clock.now();
    const credits = personal === undefined
      ? creditsForSend(preview.measure.segments, request.recipients.length)
      : personal.reduce((sum, p) => sum + p.measure.segments, 0);
    const segments = personal === undefined ? preview.measure.segments : Math.max(1, ...personal.map((p) => p.measure.segments));
    const batchId = await within.transaction(async (tx) => {
      const id = await tx.outbox.addSend({
        mode, kind: request.kind, body: request.body, text: preview.text, segments, recipients: request.recipients,
        personal: personal?.map((p) => ({ text: p.text, segments: p.measure.segments })) ?? null,
        honorHours: request.honorHours, notBefore: request.notBefore, validitySeconds: options.defaultValidityPeriodSeconds,
        createdBy: request.createdBy, overrideReason: request.overrideReason ?? null, consentEventId: request.consentEventId ?? null, createdAt: now,
      });
      await new CreditLedger(tx).hold(mode, id, credits, now);
      return id;
    });
    this.deps.notify();
    return { batch: await this.summary(batchId, within), skipped: [], balance: await new CreditLedger(within).balance(mode) };
  }

  async summary(batchId: number, within: Storage = this.deps.storage): Promise<BatchSummary> {
    const summary = await within.outbox.summary(batchId);
    if (summary === null) throw new AppError('NOT_FOUND', 'That send no longer exists.');
    return summary;
  }

  /** Cancels what has not been handed to the carrier yet and refunds it. */
  async cancel(batchId: number): Promise<BatchSummary> {
    await this.summary(batchId);
    const now = this.deps.clock.now();
    await this.deps.writer.finish(now);
    await this.deps.storage.transaction(async (tx) => {
      const canceled = await tx.outbox.cancelWaitingIn(batchId, 'Canceled before sending.', now);
      await new CreditLedger(tx).release(canceled, 'canceled', now);
    });
    return this.summary(batchId);
  }

  /** E.164, one message per number, opted-out (and for mass sends never-opted-in) numbers left out; every skip says why. */
  private async cleanRecipients(raw: readonly string[], rules: RecipientRules): Promise<CheckedRecipients> {
    const country = this.deps.settings.read().country;
    const facts = (await this.deps.readRecipients?.(raw, country)) ?? (await this.reader.read(raw, country));
    return applyRecipientRules(raw, facts, rules);
  }
}
