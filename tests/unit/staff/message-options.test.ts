import { describe, expect, it } from 'vitest';
import { defaultMessageOptions, messageOptionsSchema } from '../../../src/shared/sms/message-options';
import { withAdminAndClerk } from './harness';

describe('message options', () => {
  it('start from sensible defaults that pass their own rules', () => {
    expect(messageOptionsSchema.parse(defaultMessageOptions)).toEqual(defaultMessageOptions);
  });

  it('an admin saves them (audited); staff can read but not change them', async () => {
    const h = await withAdminAndClerk();
    const changed = { ...defaultMessageOptions, header: 'Tumble Town:', maxPartsPerMessage: 2 };
    expect(await h.call('admin-window', 'messageOptions.update', changed)).toEqual({ ok: true, value: changed });
    expect(await h.call('clerk-window', 'messageOptions.get')).toEqual({ ok: true, value: changed });
    expect(await h.call('clerk-window', 'messageOptions.update', defaultMessageOptions)).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    expect((await h.staff.audit.list({ limit: 5 })).map((e) => e.action)).toContain('messageOptions.update');
  });

  it.each([
    ['a 51-character header', { header: 'x'.repeat(51) }],
    ['a 10,000-character footer', { footer: 'x'.repeat(10_000) }],
    ['a 161-character signup message', { signupMessage: 'x'.repeat(161) }],
    ['11 parts', { maxPartsPerMessage: 11 }],
    ['a validity beyond Twilio’s 4 hours', { defaultValidityPeriodSeconds: 14_401 }],
    ['an unknown time zone', { availableHours: { ...defaultMessageOptions.availableHours, timeZone: 'Mars/Olympus' } }],
    ['a day that closes before it opens', { availableHours: { ...defaultMessageOptions.availableHours, schedule: [[{ start: '18:00', end: '09:00' }], [], [], [], [], [], []] } }],
    ['six days', { availableHours: { ...defaultMessageOptions.availableHours, schedule: [[], [], [], [], [], []] } }],
  ])('refuses %s with a clear error and keeps the saved options', async (_label, patch) => {
    const h = await withAdminAndClerk();
    const result = await h.call('admin-window', 'messageOptions.update', { ...defaultMessageOptions, ...patch });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.any(String) } });
    expect(await h.call('admin-window', 'messageOptions.get')).toEqual({ ok: true, value: defaultMessageOptions });
  });
});
