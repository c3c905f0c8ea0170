import { describe, expect, it } from 'vitest';
import type { Result } from '../../../src/shared/contract';
import type { SavedAudience } from '../../../src/shared/contract/audiences';
import type { SmsPolicy, Template } from '../../../src/shared/contract/templates';
import { STARTER_FAMILY_POLICY } from '../../../src/main/core/audiences/policy-text';
import { withAdminAndClerk } from '../staff/harness';

function unwrap<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** Dana (admin), Sam (Send Mass SMS) and Mo (Messenger Center only), each at their own window. */
async function desk() {
  const h = await withAdminAndClerk();
  const mo = unwrap<{ id: string }>(await h.call('admin-window', 'staff.create', { name: 'Mo', secret: '5820', permissions: ['messengerCenter'] }));
  unwrap(await h.call('mo-window', 'session.signIn', { staffId: mo.id, secret: '5820' }));
  return h;
}

describe('templates', () => {
  it('are shared by staff and edited by those who may send mass texts', async () => {
    const h = await desk();
    const saved = unwrap<Template>(await h.call('clerk-window', 'templates.save', { name: 'Pool closed', body: 'Hi {first_name}, the pool is closed today.' }));
    expect(saved).toMatchObject({ name: 'Pool closed', updatedBy: 'Sam' });
    // Everyone signed in sees them; only Send Mass SMS may change them.
    expect(unwrap<Template[]>(await h.call('mo-window', 'templates.list')).map((t) => t.name)).toEqual(['Pool closed']);
    const refused = await h.call('mo-window', 'templates.save', { id: saved.id, name: 'Pool closed', body: 'changed' });
    expect(refused.ok ? null : refused.error.code).toBe('PERMISSION_DENIED');
    expect((await h.call('mo-window', 'templates.remove', { id: saved.id })).ok).toBe(false);
    const edited = unwrap<Template>(await h.call('admin-window', 'templates.save', { id: saved.id, name: 'Pool closed', body: 'Closed today, {first_name}.' }));
    expect(edited).toMatchObject({ id: saved.id, body: 'Closed today, {first_name}.', updatedBy: 'Dana' });
  });

  it('refuse a second template of the same name, in any case, and say so', async () => {
    const h = await desk();
    unwrap(await h.call('clerk-window', 'templates.save', { name: 'Pool closed', body: 'a' }));
    const twice = await h.call('clerk-window', 'templates.save', { name: 'POOL CLOSED', body: 'b' });
    expect(twice.ok ? null : twice.error.message).toMatch(/already a template called "POOL CLOSED"/);
    const removed = unwrap<{ removed: boolean }>(await h.call('clerk-window', 'templates.remove', { id: 1 }));
    expect(removed).toEqual({ removed: true });
    expect(unwrap<Template[]>(await h.call('clerk-window', 'templates.list'))).toEqual([]);
  });
});

describe('saved audiences', () => {
  it('keep a choice by name for those who send, offered beside the classes and tags', async () => {
    const h = await desk();
    const saved = unwrap<SavedAudience>(await h.call('clerk-window', 'audiences.save', { name: 'Tuesday families', selection: { studentsOf: [3], staff: true } }));
    expect(saved).toMatchObject({ name: 'Tuesday families', selection: { studentsOf: [3], staff: true } });
    const choices = unwrap<{ saved: SavedAudience[] }>(await h.call('admin-window', 'audiences.choices'));
    expect(choices.saved.map((a) => a.name)).toEqual(['Tuesday families']);
    const again = await h.call('admin-window', 'audiences.save', { name: 'tuesday FAMILIES', selection: {} });
    expect(again.ok ? null : again.error.message).toMatch(/already an audience called/);
    const refused = await h.call('mo-window', 'audiences.save', { name: 'Mine', selection: {} });
    expect(refused.ok ? null : refused.error.code).toBe('PERMISSION_DENIED');
    expect(unwrap(await h.call('clerk-window', 'audiences.remove', { id: saved.id }))).toEqual({ removed: true });
  });
});

describe('the SMS policy', () => {
  it('starts from a family policy that says what is sent, how often, how to opt out and that rates may apply', async () => {
    const h = await desk();
    const policy = unwrap<SmsPolicy>(await h.call('mo-window', 'policy.get'));
    expect(policy.updatedAt).toBeNull();
    expect(policy.familyPolicy).toBe(STARTER_FAMILY_POLICY);
    for (const part of [/What we text/, /How often/, /reply STOP/i, /Message and data rates may apply/]) expect(policy.familyPolicy).toMatch(part);
    expect(policy.staffGuidelines.length).toBeGreaterThan(0);
  });

  it('is edited by admins only, and exported for the website with every character escaped', async () => {
    const h = await desk();
    const refused = await h.call('clerk-window', 'policy.save', { familyPolicy: 'x', staffGuidelines: 'y' });
    expect(refused.ok ? null : refused.error.code).toBe('PERMISSION_DENIED');
    const familyPolicy = 'Our texts\n\nClass news <b>only</b> & closures.\nReply STOP to stop.';
    const saved = unwrap<SmsPolicy>(await h.call('admin-window', 'policy.save', { familyPolicy, staffGuidelines: 'Be kind.' }));
    expect(saved).toMatchObject({ familyPolicy, staffGuidelines: 'Be kind.', updatedBy: 'Dana' });
    expect(unwrap<SmsPolicy>(await h.call('clerk-window', 'policy.get')).staffGuidelines).toBe('Be kind.');
    const exported = unwrap<{ text: string; html: string }>(await h.call('clerk-window', 'policy.export'));
    expect(exported.text).toBe(`${familyPolicy}\n`);
    expect(exported.html).toContain('<h1>Our texts</h1>');
    expect(exported.html).toContain('Class news &#60;b&#62;only&#60;/b&#62; &#38; closures.<br>\nReply STOP to stop.');
    expect(exported.html).not.toContain('<b>');
  });
});
