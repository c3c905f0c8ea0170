import { describe, expect, it } from 'vitest';
import { replyNotice, type ArrivedReply } from '../../../src/main/core/messenger/reply-notice';

const AT = Date.UTC(2026, 10, 25, 15, 0);
const ANA = '+15125550123';
const SAM = '+15125550199';
const LEE = '+15125550177';
const names = { [ANA]: ['Ana Lopez'] };
const reply = (phone: string, body: string, at = AT): ArrivedReply => ({ phone, body, at });
const unlocked = { locked: false };
const locked = { locked: true };

describe('the notice for a new reply', () => {
  it('names the contact and shows what they wrote while the desk is unlocked', () => {
    expect(replyNotice([reply(ANA, 'Is class on tonight?')], names, unlocked, 'US')).toEqual({
      phone: ANA,
      title: 'New reply from Ana Lopez',
      body: 'Is class on tonight?',
    });
  });

  it('never shows the message while the desk is locked, only who texted', () => {
    const notice = replyNotice([reply(ANA, 'My card number is 4111 1111')], names, locked, 'US');
    expect(notice).toEqual({ phone: ANA, title: 'New reply from Ana Lopez', body: 'Unlock SMS Desk to read it.' });
    expect(JSON.stringify(notice)).not.toContain('4111');
  });

  it('uses the number as the desk writes it when no contact has it', () => {
    expect(replyNotice([reply(SAM, 'hi')], {}, unlocked, 'US')?.title).toBe('New reply from (512) 555-0199');
  });

  it('names the several contacts sharing a number together', () => {
    expect(replyNotice([reply(ANA, 'hi')], { [ANA]: ['Ana Lopez', 'Ben Lopez'] }, unlocked, 'US')?.title).toBe('New reply from Ana Lopez & Ben Lopez');
  });

  it('sums up replies from several numbers, opening the newest, without any words while locked', () => {
    const replies = [reply(SAM, 'first secret', AT), reply(LEE, 'second secret', AT + 1), reply(ANA, 'third secret', AT + 2)];
    expect(replyNotice(replies, names, unlocked, 'US')).toEqual({
      phone: ANA,
      title: '3 new replies',
      body: 'From Ana Lopez, (512) 555-0177 and 1 more. Latest: third secret',
    });
    const quiet = replyNotice(replies, names, locked, 'US');
    expect(quiet?.body).toBe('From Ana Lopez, (512) 555-0177 and 1 more. Unlock SMS Desk to read it.');
    expect(JSON.stringify(quiet)).not.toMatch(/secret/);
  });

  it('counts several replies from one number and shows the latest', () => {
    expect(replyNotice([reply(ANA, 'one'), reply(ANA, 'two')], names, unlocked, 'US')).toMatchObject({ title: '2 new replies from Ana Lopez', body: 'two' });
  });

  it('keeps a long or multi-line reply to one short line', () => {
    const body = replyNotice([reply(ANA, `Line one\nline two\u0007 ${'x'.repeat(300)}`)], names, unlocked, 'US')?.body ?? '';
    expect(body.startsWith('Line one line two x')).toBe(true);
    expect(body.length).toBeLessThanOrEqual(120);
    expect(body.endsWith('…')).toBe(true);
  });

  it('is nothing when nothing arrived', () => {
    expect(replyNotice([], names, unlocked, 'US')).toBeNull();
  });
});
