// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { REGISTRATION_POLL_MS } from '../../../src/renderer/src/api/carrier-queries';
import { SendingNotReady } from '../../../src/renderer/src/features/compose/sending-not-ready';
import { BrandSection } from '../../../src/renderer/src/features/settings-sms/brand-section';
import { CampaignSection } from '../../../src/renderer/src/features/settings-sms/campaign-section';
import { SmsSettingsTab } from '../../../src/renderer/src/features/settings-sms/sms-settings-tab';
import { useUi } from '../../../src/renderer/src/stores/ui-store';
import type { CampaignFormInput, RegistrationView } from '../../../src/shared/contract';
import { QueryClientProvider } from '@tanstack/react-query';
import { fakeApi, newClient, renderWithQueries, unregistered, type Answers } from './harness';

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

type Supported = Extract<RegistrationView, { supported: true }>;
const base: Supported = unregistered;
const saved = {
  legalName: 'Tumble Town Gymnastic LLC',
  businessType: 'Limited Liability Corporation',
  ein: '12-3456789',
  industry: 'EDUCATION',
  websiteUrl: 'https://tumbletown.example.com',
  street: '100 Main St',
  city: 'Austin',
  state: 'TX',
  postalCode: '78701',
  contactFirstName: 'Dana',
  contactLastName: 'Rivera',
  email: 'dana@tumbletown.example.com',
  phone: '+15125550142',
};
const defaults: CampaignFormInput = {
  useCase: 'MIXED',
  description: 'Class reminders, closures and schedule news for the families of Tumble Town Gymnastics.',
  messageFlow: 'Families give their mobile number and agree to texts at the front desk or on our online signup form.',
  messageSamples: ['Tumble Town: Pool closed today for maintenance. Reply STOP to opt out.', 'Tumble Town: Welcome! You will get class news by text. Reply STOP to opt out.'],
  hasEmbeddedLinks: false,
  hasEmbeddedPhone: false,
  optInKeywords: ['START'],
  optInMessage: 'Tumble Town: You are signed up for texts. Reply STOP to stop.',
  optOutKeywords: ['STOP'],
  optOutMessage: 'Tumble Town: You will get no more texts. Reply START to sign up again.',
  helpKeywords: ['HELP'],
  helpMessage: 'Tumble Town: Call us at (512) 555-0142 for help. Reply STOP to stop.',
};
const view = (patch: Partial<Supported>): Supported => ({ ...base, ...patch });
const ok = <T,>(value: T) => ({ ok: true as const, value });
/** The alert that says something, not the empty live region every form keeps ready. */
const alertText = () => screen.getAllByRole('alert').map((a) => a.textContent ?? '').join(' ');

describe('brand step', () => {
  it('on a failed brand, shows Twilio’s reason and the saved details to correct; Reset Brand resubmits the corrected brand', async () => {
    const { calls } = fakeApi({ 'registration.submitBrand': ok(view({ brand: { state: 'in_process', submittedAt: 1 } })) });
    renderWithQueries(
      <BrandSection view={view({ form: saved, brand: { state: 'failed', message: 'The EIN does not match the legal name.', updatesLeft: 2 }, showReset: true })} />,
    );
    expect(alertText()).toContain('The EIN does not match the legal name.');
    expect(screen.getByText(/send corrections 2 more times/)).toBeTruthy();
    const name = screen.getByLabelText('Legal business name') as HTMLInputElement;
    expect(name.value).toBe('Tumble Town Gymnastic LLC');
    fireEvent.change(name, { target: { value: 'Tumble Town Gymnastics LLC' } });
    fireEvent.click(screen.getByRole('button', { name: 'Reset Brand' }));
    await waitFor(() => expect(calls.some((c) => c.channel === 'registration.submitBrand')).toBe(true));
    expect(calls.map((c) => c.channel)).not.toContain('registration.resetBrand');
    expect(calls.find((c) => c.channel === 'registration.submitBrand')?.input).toMatchObject({ legalName: 'Tumble Town Gymnastics LLC', industry: 'EDUCATION', ein: '12-3456789' });
  });

  it('after the last correction Twilio allows, says to contact Twilio support and offers no form', () => {
    fakeApi({});
    renderWithQueries(<BrandSection view={view({ form: saved, brand: { state: 'failed', message: 'Brand update count exceeded.', updatesLeft: 0 } })} />);
    expect(screen.getByText(/contact Twilio support/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Reset Brand' })).toBeNull();
  });

  it('a suspended brand says only Twilio support can help, with no reset', () => {
    fakeApi({});
    renderWithQueries(<BrandSection view={view({ brand: { state: 'suspended', message: 'Reported for spam.' } })} />);
    expect(alertText()).toMatch(/suspended.*Reported for spam\..*Twilio support/);
    expect(screen.queryByRole('button', { name: 'Reset Brand' })).toBeNull();
  });

  it('a brand in review is normal for days: calm words, no reset', () => {
    fakeApi({});
    renderWithQueries(<BrandSection view={view({ brand: { state: 'in_process', submittedAt: Date.UTC(2026, 10, 2, 15) } })} />);
    expect(screen.getByRole('status').textContent).toMatch(/normally take a few days.*updates by itself/);
    expect(screen.queryByRole('button', { name: 'Reset Brand' })).toBeNull();
  });

  it('offers Twilio’s industries by friendly name, and a non-profit picks the industry Non-profit', () => {
    fakeApi({});
    renderWithQueries(<BrandSection view={base} />);
    const industry = screen.getByLabelText('Industry') as HTMLSelectElement;
    const options = [...industry.options].map((o) => [o.value, o.text]);
    expect(options).toContainEqual(['NOT_FOR_PROFIT', 'Non-profit']);
    expect(options.map(([value]) => value)).not.toContain('OTHER');
    fireEvent.change(screen.getByLabelText('Business type'), { target: { value: 'Non-profit Corporation' } });
    expect(industry.value).toBe('NOT_FOR_PROFIT');
  });
});

describe('campaign step', () => {
  const useCases = ok({ useCases: [{ code: 'ACCOUNT_NOTIFICATION', name: 'Account Notification', description: '' }, { code: 'MIXED', name: 'Mixed', description: '' }] });

  it('waits for the brand, then prefills good answers and sends exactly what Twilio asks for', async () => {
    const { calls } = fakeApi({
      'registration.useCases': useCases,
      'registration.campaignDefaults': ok(defaults),
      'registration.submitCampaign': ok(view({ brand: { state: 'approved' }, campaign: { state: 'in_process' } })),
    });
    const client = newClient();
    const { rerender } = renderWithQueries(<CampaignSection view={base} />, client);
    expect(screen.getByText(/opens once your brand is approved/)).toBeTruthy();
    expect(calls).toHaveLength(0);
    rerender(
      <QueryClientProvider client={client}>
        <CampaignSection view={view({ brand: { state: 'approved' } })} />
      </QueryClientProvider>,
    );
    const useCase = (await screen.findByLabelText('What your texts are for')) as HTMLSelectElement;
    expect(useCase.value).toBe('MIXED');
    expect([...useCase.options].map((o) => o.text)).toContain('A mix of reminders, news and offers');
    expect((screen.getByLabelText('How families agree to get texts') as HTMLTextAreaElement).value).toMatch(/front desk/);
    fireEvent.click(screen.getByLabelText('Our texts sometimes contain a web link'));
    fireEvent.change(screen.getByLabelText('Words that stop texts'), { target: { value: 'stop, end,' } });
    fireEvent.click(screen.getByRole('button', { name: 'Click to Register Campaign' }));
    await waitFor(() => expect(calls.some((c) => c.channel === 'registration.submitCampaign')).toBe(true));
    expect(calls.find((c) => c.channel === 'registration.submitCampaign')?.input).toEqual({ ...defaults, hasEmbeddedLinks: true, optOutKeywords: ['STOP', 'END'] });
  });

  it('refuses too few words before asking Twilio, and names the field', async () => {
    const { calls } = fakeApi({ 'registration.useCases': useCases, 'registration.campaignDefaults': ok(defaults) });
    renderWithQueries(<CampaignSection view={view({ brand: { state: 'approved' } })} />);
    fireEvent.change(await screen.findByLabelText('What you text about'), { target: { value: 'Reminders' } });
    fireEvent.click(screen.getByRole('button', { name: 'Click to Register Campaign' }));
    expect(await screen.findByText('The description needs at least 40 characters.')).toBeTruthy();
    expect(calls.map((c) => c.channel)).not.toContain('registration.submitCampaign');
  });

  it('on a failed campaign, shows Twilio’s reason and the answers sent, to correct and resubmit', async () => {
    const { calls } = fakeApi({ 'registration.useCases': useCases, 'registration.submitCampaign': ok(view({ brand: { state: 'approved' }, campaign: { state: 'in_process' } })) });
    const sent = { ...defaults, messageFlow: 'Families sign up somewhere and then get texts from us.' };
    renderWithQueries(<CampaignSection view={view({ brand: { state: 'approved' }, campaign: { state: 'failed', message: 'The opt-in is not described clearly (30896).', form: sent } })} />);
    expect(alertText()).toContain('The opt-in is not described clearly (30896).');
    const flow = (await screen.findByLabelText('How families agree to get texts')) as HTMLTextAreaElement;
    expect(flow.value).toBe(sent.messageFlow);
    fireEvent.change(flow, { target: { value: defaults.messageFlow } });
    fireEvent.click(screen.getByRole('button', { name: 'Send Corrected Campaign' }));
    await waitFor(() => expect(calls.find((c) => c.channel === 'registration.submitCampaign')?.input).toEqual(defaults));
    expect(calls.map((c) => c.channel)).not.toContain('registration.campaignDefaults');
  });

  it('a verified campaign says so', () => {
    fakeApi({});
    renderWithQueries(<CampaignSection view={view({ brand: { state: 'approved' }, campaign: { state: 'verified' } })} />);
    expect(screen.getByRole('status').textContent).toMatch(/approved how you text families/);
  });
});

describe('Settings → SMS as a whole', () => {
  const desk = (views: Supported[], extra: Answers = {}) => {
    let read = 0;
    return fakeApi({
      'carrier.status': ok({ mode: 'live', liveCredentialsSaved: true, liveConnectionTested: true }),
      'messageOptions.get': { ok: false, error: { code: 'INTERNAL', message: 'not needed here' } },
      'registration.get': () => ok(views[Math.min(read++, views.length - 1)]!),
      ...extra,
    });
  };
  const reads = (calls: { channel: string }[]) => calls.filter((c) => c.channel === 'registration.get').length;

  it('follows a review by itself: the brand turns approved on screen without a click', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { calls } = desk([view({ brand: { state: 'in_process', submittedAt: 1 } }), view({ brand: { state: 'approved' } })], {
      'registration.useCases': ok({ useCases: [] }),
      'registration.campaignDefaults': ok(defaults),
    });
    renderWithQueries(<SmsSettingsTab />);
    await screen.findByText(/sent for review/);
    await act(() => vi.advanceTimersByTimeAsync(REGISTRATION_POLL_MS + 100));
    expect(await screen.findByText('Your brand is registered.')).toBeTruthy();
    expect(reads(calls)).toBe(2);
  });

  it('reads again only while something is in review', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { calls } = desk([view({ brand: { state: 'approved' }, campaign: { state: 'verified' }, phone: { state: 'assigned', number: '+15125550100' } })]);
    renderWithQueries(<SmsSettingsTab />);
    // Every step is done, so each starts closed: open the brand's.
    fireEvent.click(await screen.findByRole('button', { name: /Step 2: Business details/ }));
    await screen.findByText('Your brand is registered.');
    await act(() => vi.advanceTimersByTimeAsync(REGISTRATION_POLL_MS * 3));
    expect(reads(calls)).toBe(1);
  });

  it('own Twilio account: finds what is registered there and adopts it', async () => {
    const service = `MG${'a'.repeat(32)}`;
    const { calls } = desk([base], {
      'registration.setAccountModel': ok(view({ accountModel: 'own_account' })),
      'registration.findExisting': ok({
        found: [{ messagingServiceSid: service, friendlyName: 'Tumble Town texts', brand: { sid: `BN${'b'.repeat(32)}`, status: 'APPROVED' }, campaign: { sid: `QE${'c'.repeat(32)}`, status: 'VERIFIED', useCase: 'MIXED' }, numbers: ['+15125550100'] }],
        advice: null,
      }),
      'registration.adopt': ok(view({ accountModel: 'own_account', brand: { state: 'approved' }, campaign: { state: 'verified' }, phone: { state: 'assigned', number: '+15125550100' } })),
    });
    renderWithQueries(<SmsSettingsTab />);
    expect(await screen.findByRole('region', { name: 'Business details' })).toBeTruthy();
    fireEvent.click(screen.getByLabelText(/We already registered in our own Twilio account/));
    fireEvent.click(await screen.findByRole('button', { name: 'Find my existing registration' }));
    const found = await screen.findByRole('list', { name: 'Registrations found in your Twilio account' });
    expect(within(found).getByText('Brand: approved')).toBeTruthy();
    expect(within(found).getByText('Numbers: (512) 555-0100')).toBeTruthy();
    fireEvent.click(within(found).getByRole('button', { name: 'Use this registration' }));
    expect(await screen.findByText('Your brand is registered.')).toBeTruthy();
    expect(calls.find((c) => c.channel === 'registration.adopt')?.input).toEqual({ messagingServiceSid: service });
  });

  it('own Twilio account with nothing there: Console advice, and no brand form to fill', async () => {
    desk([view({ accountModel: 'own_account', accountNotice: 'This Twilio account has no approved business profile yet.' })], {
      'registration.findExisting': ok({ found: [], advice: 'Register your brand and campaign in the Twilio Console, then come back here.' }),
    });
    renderWithQueries(<SmsSettingsTab />);
    expect(await screen.findByText('This Twilio account has no approved business profile yet.')).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Business details' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Find my existing registration' }));
    expect(await screen.findByText(/in the Twilio Console, then come back/)).toBeTruthy();
  });
});

describe('Compose before texting is set up', () => {
  it('says why texts cannot go yet and opens Settings → SMS for an admin', async () => {
    fakeApi({ 'registration.sendingReadiness': ok({ ready: false, reason: 'The carriers are still reviewing your campaign.' }) });
    renderWithQueries(<SendingNotReady isAdmin />);
    expect((await screen.findByText(/Texts cannot go out yet/)).parentElement?.textContent).toContain('still reviewing your campaign');
    fireEvent.click(screen.getByRole('button', { name: 'Open Settings → SMS' }));
    expect(useUi.getState()).toMatchObject({ area: 'Settings', settingsTab: 'sms' });
  });

  it('tells other staff an admin can finish it, and says nothing once ready', async () => {
    fakeApi({ 'registration.sendingReadiness': ok({ ready: false, reason: 'No texting number yet.' }) });
    renderWithQueries(<SendingNotReady isAdmin={false} />);
    expect(await screen.findByText('An admin can finish this in Settings → SMS.')).toBeTruthy();
    cleanup();
    const { calls } = fakeApi({ 'registration.sendingReadiness': ok({ ready: true, reason: null }) });
    renderWithQueries(<SendingNotReady isAdmin />);
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(screen.queryByText(/Texts cannot go out yet/)).toBeNull();
  });
});
