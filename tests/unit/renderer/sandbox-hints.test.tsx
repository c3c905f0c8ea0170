// @vitest-environment jsdom
import { cleanup, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { useAppStatus } from '../../../src/renderer/src/api/queries';
import { FirstRun } from '../../../src/renderer/src/features/auth/first-run';
import { LockScreen } from '../../../src/renderer/src/features/auth/lock-screen';
import { SignIn } from '../../../src/renderer/src/features/auth/sign-in';
import { BrandSection } from '../../../src/renderer/src/features/settings-sms/brand-section';
import { CarrierAccountPanel } from '../../../src/renderer/src/features/settings-sms/carrier-account-panel';
import { PhoneSection } from '../../../src/renderer/src/features/settings-sms/phone-section';
import { sandboxTriggers } from '../../../src/shared/sandbox/trigger-values';
import { fakeApi, renderWithQueries, unregistered } from './harness';

afterEach(cleanup);

type Mode = 'sandbox' | 'live';

function ModeProbe() {
  return <p>probe: {useAppStatus().data?.mode ?? 'waiting'}</p>;
}
const BANNER = /^Sandbox mode: texts go to a built-in test carrier and nobody receives them/;

/** Main as the screens before sign-in see it: only public channels answer. */
function signedOutDesk(mode: Mode) {
  return fakeApi({
    'app.status': { ok: true, value: { needsFirstAdmin: false, mode, country: 'US', version: '0.1.0' } },
    'staff.directory': { ok: true, value: [{ id: 's1', name: 'Dana' }] },
    'carrier.status': { ok: false, error: { code: 'NOT_SIGNED_IN', message: 'Sign in first.' } },
  });
}

describe('the Sandbox banner before anyone is signed in', () => {
  const screens = { 'first run': () => <FirstRun />, 'sign-in': () => <SignIn />, lock: () => <LockScreen name="Dana" /> };

  for (const [name, ui] of Object.entries(screens)) {
    it(`shows on the ${name} screen in Sandbox mode, from the public app status`, async () => {
      const { calls } = signedOutDesk('sandbox');
      renderWithQueries(ui());
      expect(await screen.findByText(BANNER)).toBeTruthy();
      expect(calls.map((c) => c.channel)).not.toContain('carrier.status');
    });

    it(`stays away from the ${name} screen when live`, async () => {
      signedOutDesk('live');
      renderWithQueries(
        <>
          {ui()}
          <ModeProbe />
        </>,
      );
      // The probe reads the same cached answer, so once it shows "live" the screen has seen it too.
      await screen.findByText('probe: live');
      expect(screen.queryByText(BANNER)).toBeNull();
    });
  }
});

const view = unregistered;

function settingsDesk(mode: Mode) {
  return fakeApi({ 'carrier.status': { ok: true, value: { mode, liveCredentialsSaved: mode === 'live', liveConnectionTested: mode === 'live' } } });
}

function renderSmsSettings() {
  renderWithQueries(
    <>
      <CarrierAccountPanel />
      <BrandSection view={view} />
      <PhoneSection view={view} />
    </>,
  );
}

describe('Sandbox hints in Settings → SMS', () => {
  it('name the EINs, the area code and the landline number the test carrier says no to', async () => {
    settingsDesk('sandbox');
    renderSmsSettings();
    const brand = await screen.findByText(/^Sandbox test values: EIN/);
    expect(brand.textContent).toContain(`EIN ${sandboxTriggers.failingEin} fails review`);
    expect(brand.textContent).toContain(`EIN ${sandboxTriggers.undecidedEin} stays in review and is never decided`);
    expect(screen.getByText(/area code/, { selector: '.sandbox-hint' }).textContent).toContain(`area code ${sandboxTriggers.emptyAreaCode} has no numbers`);
    expect(sandboxTriggers.landlineNumber).toBe('+15005550009');
    expect(screen.getByText(/landline/, { selector: '.sandbox-hint' }).textContent).toContain('(500) 555-0009 behaves like a landline');
  });

  it('are not shown when live', async () => {
    const { calls } = settingsDesk('live');
    renderSmsSettings();
    expect(await screen.findByText(/^You are live/)).toBeTruthy();
    expect(calls.map((c) => c.channel)).toContain('carrier.status');
    expect(document.querySelectorAll('.sandbox-hint')).toHaveLength(0);
  });
});
