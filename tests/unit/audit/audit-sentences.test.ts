import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contract } from '../../../src/shared/contract';
import { auditCsv } from '../../../src/shared/audit/audit-csv';
import { maskSensitive } from '../../../src/shared/audit/mask';
import { actionLabel, auditSentence, channelSentences } from '../../../src/shared/audit/sentences';
import { redactForAudit } from '../../../src/main/core/router';

const entry = (action: string, detail: unknown, staffName: string | null = 'Alice') => ({
  id: 1,
  at: 0,
  staffId: 'a',
  staffName,
  action,
  detail: typeof detail === 'string' ? detail : redactForAudit(detail),
  override: false,
});

describe('audit sentences', () => {
  it('every audited channel of the contract has a sentence (no channel name is ever shown)', () => {
    const audited = Object.entries(contract)
      .filter(([, def]) => (def as { audited?: boolean }).audited)
      .map(([channel]) => channel);
    expect(audited.length).toBeGreaterThan(20);
    expect(audited.filter((channel) => !(channel in channelSentences))).toEqual([]);
    for (const channel of audited) {
      const sentence = auditSentence(entry(channel, {}));
      expect(sentence).toMatch(/^Alice [a-z]/);
      expect(sentence).not.toContain(channel);
      expect(actionLabel(channel)).not.toBe('Other action');
    }
  });

  it('says what happened in plain words', () => {
    expect(auditSentence(entry('messageOptions.update', { availableHours: { timeZone: 'America/Chicago', schedule: [] } }))).toBe('Alice changed the SMS hours and message options');
    expect(auditSentence(entry('credits.adjust', { credits: -250, reason: 'refund' }))).toBe('Alice took away 250 credits by hand');
    expect(auditSentence(entry('sends.overrideHours', 'Batch 7 to 412 recipients: Storm closing', 'Bob'))).toBe('Bob sent 412 texts outside the SMS hours (reason: “Storm closing”)');
    expect(auditSentence(entry('billing.granted', { purchaseId: 'p', credits: 1000, kind: 'pack' }, null))).toBe('1,000 credits were added to the balance');
    expect(auditSentence(entry('access.refused', 'staff.list, 8 times in 2 minutes', 'Sam'))).toBe('Sam was stopped from an action their profile does not allow, 8 times in 2 minutes');
    expect(auditSentence(entry('access.refused', 'credits.adjust', 'Sam'))).toBe('Sam was stopped from “adjusted the credit balance” (their profile does not allow it)');
    expect(auditSentence(entry('something.new', '{}'))).toBe('Alice did something this version of SMS Desk cannot describe');
  });

  it('names a send’s count, audience and when, with no number shown in full', () => {
    const send = (detail: unknown, action = 'sends.create') => auditSentence(entry(action, JSON.stringify(detail), 'Bob'));
    expect(send({ recipients: 412, audience: 'Level 2', preview: 'Pool closed' })).toBe('Bob sent 412 texts to Level 2: “Pool closed”');
    expect(send({ recipients: 1, audience: 'pasted numbers', preview: '' })).toBe('Bob sent 1 text to pasted numbers');
    const at = new Date(2026, 11, 1, 9, 0).getTime();
    expect(send({ recipients: 40, audience: 'Swim team', scheduledFor: at, preview: 'Hi' }, 'audiences.send')).toBe('Bob scheduled 40 texts to Swim team for Tue, Dec 1, 9:00 AM: “Hi”');
    expect(send({ recipients: 3, audience: 'the numbers send #7 could not reach', retryOf: 7, preview: 'Hi' }, 'sends.retryFailed')).toBe('Bob sent 3 texts again to the numbers send #7 could not reach: “Hi”');
    // A number typed into the message is masked even in the few words kept of it.
    expect(send({ recipients: 2, audience: 'pasted numbers', preview: 'Call 512-555-0142…' })).toBe('Bob sent 2 texts to pasted numbers: “Call •••-•••-0142…”');
    // Told apart in the action filter.
    expect(actionLabel('sends.create')).toBe('Sent texts to pasted numbers');
    expect(actionLabel('audiences.send')).toBe('Sent texts to an audience');
    expect(actionLabel('sends.retryFailed')).toBe('Sent texts again to the numbers a send could not reach');
  });

  it('masks EINs, phone numbers and tokens the same way everywhere', () => {
    expect(maskSensitive('EIN 12-3456789')).toBe('EIN ••-•••6789');
    expect(maskSensitive('call +15125550142')).toBe('call +1 •••-•••-0142');
    expect(maskSensitive('call (512) 555-0142')).toBe('call •••-•••-0142');
    expect(maskSensitive('number …0142')).toBe('number •••-•••-0142');
    expect(maskSensitive('{"authToken":"abc"}')).toBe('{"authToken":"[hidden]"}');
    expect(maskSensitive('sid AC0123456789abcdef0123456789abcdef')).toBe('sid [hidden]');
    expect(maskSensitive('added 412 credits')).toBe('added 412 credits');
  });
});

/** A US or foreign number written the ways people write them. */
const phone = fc.oneof(
  fc.stringMatching(/^\+1[2-9]\d{9}$/),
  fc.stringMatching(/^\+44\d{10}$/),
  fc.stringMatching(/^\([2-9]\d{2}\) \d{3}-\d{4}$/),
  fc.stringMatching(/^[2-9]\d{2}[.-]\d{3}[.-]\d{4}$/),
  fc.stringMatching(/^[2-9]\d{9}$/),
);
const ein = fc.stringMatching(/^\d{2}-\d{7}$/);
const words = fc.string({ maxLength: 20 });

/** Digits of a secret beyond the four kept: present in order in the output means it leaked. */
const leaked = (output: string, secret: string): boolean => {
  const digits = secret.replace(/\D/g, '');
  const hidden = digits.slice(0, -4);
  return output.replace(/[^\d]/g, ' ').split(/\s+/).some((run) => run.length >= 5 && digits.includes(run) && run.includes(hidden.slice(-3)));
};

describe('no unmasked phone number or EIN reaches a sentence or the CSV', () => {
  it('whatever the detail holds, whichever action it is', () => {
    const actions = [...Object.keys(channelSentences), 'sends.overrideHours', 'access.refused', 'unknown.action'];
    fc.assert(
      fc.property(fc.constantFrom(...actions), phone, ein, words, words, fc.constantFrom('json', 'nested', 'text', 'name'), (action, number, taxId, before, after, shape) => {
        const detail =
          shape === 'json'
            ? JSON.stringify({ name: `${before}${number}${after}`, legalName: taxId, ein: taxId, phone: number })
            : shape === 'nested'
              ? JSON.stringify({ recipients: [number], brand: { ein: taxId }, reason: `${before} ${number} ${taxId}` })
              : shape === 'text'
                ? `Batch 3 to 2 recipients: ${before} call ${number} or EIN ${taxId} ${after}`
                : JSON.stringify({ name: `${number} ${taxId}` });
        const row = { id: 1, at: 0, staffId: null, staffName: `${before}${number}`, action, detail, override: false };
        for (const output of [auditSentence(row), auditCsv([row], () => 'today')]) {
          expect(output).not.toContain(number);
          expect(output).not.toContain(taxId);
          expect(leaked(output, number)).toBe(false);
          expect(leaked(output, taxId)).toBe(false);
        }
      }),
      { numRuns: 500 },
    );
  });
});
