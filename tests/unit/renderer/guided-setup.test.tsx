// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MessageOptionsPanel } from '../../../src/renderer/src/features/settings-sms/message-options-panel';
import { SmsSettingsTab } from '../../../src/renderer/src/features/settings-sms/sms-settings-tab';
import { currentStep, setupSteps } from '../../../src/renderer/src/features/settings-sms/setup-steps';
import type { CarrierStatus, RegistrationView } from '../../../src/shared/contract';
import { defaultMessageOptions } from '../../../src/shared/sms/message-options';
import { fakeApi, renderWithQueries, unregistered } from './harness';

afterEach(cleanup);

const sandbox: CarrierStatus = { mode: 'sandbox', liveCredentialsSaved: false, liveConnectionTested: false };
const statuses = (carrier: CarrierStatus, view: RegistrationView, options = defaultMessageOptions) =>
  Object.fromEntries(setupSteps(carrier, view, options).map((s) => [s.id, s.status]));

describe('guided setup statuses', () => {
  it('follow the registration state: needs you, in review, failed, done', () => {
    expect(statuses(sandbox, unregistered)).toEqual({ account: 'needs_you', brand: 'needs_you', campaign: 'needs_you', number: 'needs_you', options: 'done', hours: 'done' });
    const reviewing = { ...unregistered, brand: { state: 'in_process' as const, submittedAt: 1 }, phone: { state: 'in_process' as const, areaCode: '512' } };
    expect(statuses(sandbox, reviewing)).toMatchObject({ brand: 'in_review', number: 'in_review', campaign: 'needs_you' });
    const failed = { ...unregistered, brand: { state: 'failed' as const, message: 'EIN does not match' }, campaign: { state: 'failed' as const } };
    expect(statuses(sandbox, failed)).toMatchObject({ brand: 'failed', campaign: 'failed' });
    const done = { ...unregistered, brand: { state: 'approved' as const }, campaign: { state: 'verified' as const }, phone: { state: 'assigned' as const, number: '+15125550100' } };
    expect(statuses(sandbox, done)).toMatchObject({ account: 'done', brand: 'done', campaign: 'done', number: 'done' });
    expect(statuses(sandbox, { ...unregistered, accountModel: 'own_account' }).account).toBe('needs_you');
    expect(statuses({ mode: 'live', liveCredentialsSaved: true, liveConnectionTested: false }, done).account).toBe('needs_you');
    const closed = { ...defaultMessageOptions, signupMessage: ' ', availableHours: { ...defaultMessageOptions.availableHours, schedule: [[], [], [], [], [], [], []] } };
    expect(statuses(sandbox, done, closed)).toMatchObject({ options: 'needs_you', hours: 'needs_you' });
  });

  it('the current step is the first that needs you or failed, else the first in review', () => {
    expect(currentStep(setupSteps(sandbox, unregistered, defaultMessageOptions))).toBe('account');
    const reviewing = { ...unregistered, brand: { state: 'in_process' as const, submittedAt: 1 }, campaign: { state: 'verified' as const }, phone: { state: 'assigned' as const, number: '+1' } };
    expect(currentStep(setupSteps(sandbox, reviewing, defaultMessageOptions))).toBe('brand');
    expect(currentStep(setupSteps(sandbox, { supported: false, country: 'GB', supportContact: 'x' }, defaultMessageOptions))).toBeNull();
  });
});

describe('Settings → SMS as steps', () => {
  it('shows the checklist, opens the steps that need something, and the signup message is a multi-line field with its count', async () => {
    fakeApi({
      'carrier.status': { ok: true, value: sandbox },
      'registration.get': { ok: true, value: unregistered },
      'messageOptions.get': { ok: true, value: defaultMessageOptions },
    });
    renderWithQueries(<SmsSettingsTab />);
    const checklist = await screen.findByRole('navigation', { name: 'Setup steps' });
    expect(within(checklist).getAllByRole('listitem').map((li) => li.textContent)).toEqual([
      'Texting account Needs you',
      'Business details (brand) Needs you',
      'How you text families (campaign) Needs you',
      'Texting number Needs you',
      'Message options Done',
      'SMS hours Done',
    ]);
    expect(within(checklist).getByText('2 of 6 steps done.')).toBeTruthy();
    // Steps that need something start open (how the business registers is still to choose); done ones closed.
    expect(screen.getByRole('button', { name: /Step 1: Texting account/ }).getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByRole('button', { name: /Step 2: Business details/ }).getAttribute('aria-expanded')).toBe('true');
    expect(screen.getByRole('button', { name: /Step 5: Message options/ }).getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByLabelText('Signup message')).toBeNull();
    fireEvent.click(within(checklist).getByRole('button', { name: 'Message options' }));
    const signup = await screen.findByLabelText('Signup message');
    expect(signup.tagName).toBe('TEXTAREA');
    expect(screen.getByText(new RegExp(`${defaultMessageOptions.signupMessage.length}/160 characters, 1 text long\\.`))).toBeTruthy();
    fireEvent.change(signup, { target: { value: 'Welcome to Splash Swim! Reply STOP to opt out.' } });
    await waitFor(() => expect(screen.getByText(/46\/160 characters, 1 text long\./)).toBeTruthy());
  });
});

describe('each step reads once', () => {
  it('the step card’s title is the only heading of its step: no old numbered heading and no repeat inside', async () => {
    fakeApi({
      'carrier.status': { ok: true, value: sandbox },
      'registration.get': { ok: true, value: { ...unregistered, accountModel: 'provider' } },
      'messageOptions.get': { ok: true, value: defaultMessageOptions },
    });
    renderWithQueries(<SmsSettingsTab />);
    const checklist = await screen.findByRole('navigation', { name: 'Setup steps' });
    for (const name of ['Message options', 'SMS hours']) fireEvent.click(within(checklist).getByRole('button', { name }));
    await screen.findByRole('region', { name: 'SMS hours' });
    await screen.findByRole('region', { name: 'Business details' });
    const headings = screen.getAllByRole('heading').map((h) => h.textContent ?? '');
    expect(headings.filter((text) => /^\s*\d+\.\s/.test(text))).toEqual([]);
    const stepTitles = setupSteps(sandbox, unregistered, defaultMessageOptions).map((step) => step.title);
    // Every step heading is there once; nothing inside a step says its name again as a heading.
    for (const title of stepTitles) expect(headings.filter((text) => text.includes(title)), title).toHaveLength(1);
    expect(screen.getAllByRole('heading', { level: 2 }).map((h) => h.textContent)).toEqual(
      stepTitles.map((title, index) => expect.stringContaining(`Step ${index + 1}: ${title}`)),
    );
  });
});

describe('the options and hours steps save apart', () => {
  it('saving the SMS hours sends the latest options with only the hours changed', async () => {
    const saved = { ...defaultMessageOptions, header: 'Splash Swim:' };
    const { calls } = fakeApi({
      'messageOptions.get': { ok: true, value: saved },
      'messageOptions.update': (input) => ({ ok: true, value: input as typeof saved }),
    });
    renderWithQueries(<MessageOptionsPanel part="hours" />);
    const hours = await screen.findByRole('region', { name: 'SMS hours' });
    expect(within(hours).queryByLabelText('Header')).toBeNull();
    fireEvent.click(await within(hours).findByLabelText('Sunday'));
    fireEvent.click(within(hours).getByRole('button', { name: 'Save SMS hours' }));
    await waitFor(() => expect(calls.some((c) => c.channel === 'messageOptions.update')).toBe(true));
    const sent = calls.find((c) => c.channel === 'messageOptions.update')!.input as typeof saved;
    expect(sent.header).toBe('Splash Swim:');
    expect(sent.availableHours.schedule[0]).toEqual([{ start: '09:00', end: '17:00' }]);
  });
});
