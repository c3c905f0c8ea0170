import { test as base } from '@playwright/test';
import type { Page } from '@playwright/test';
import type { BatchSummary } from '../../src/shared/contract';
import { expect, expectAccessible, screenshot, startWebApp, type WebApp } from './fixtures';
import { createFirstAdmin, fillBrand } from './flows';
import { callMain } from './main-calls';
import { brandInReview, checkUntil, openSetupStep, openSmsSettings } from './registration-flows';
import { startSimulator, type Simulator } from './simulator-process';

/**
 * From an empty live account to a delivered mass send, in browser mode: the real app behind
 * `--twilio-base-url`, pointed at the simulator started as Twilio's ISV parent (`--isv`: one
 * approved Primary Customer Profile, registration enforced, 30034 without a verified campaign).
 */
const ACCOUNT_SID = `AC${'5'.repeat(32)}`;
const AUTH_TOKEN = 'live-e2e-auth-token-0123456789';
const FAMILY = '+15125550123';

const test = base.extend<{ sim: Simulator; app: WebApp }>({
  // eslint-disable-next-line no-empty-pattern
  sim: async ({}, use) => {
    const sim = await startSimulator(ACCOUNT_SID, AUTH_TOKEN);
    // Reviews that take days at Twilio take a moment here.
    await sim.control('settings', { brandReviewMs: 1500, campaignReviewMs: 1500 });
    await use(sim);
    sim.process.kill('SIGTERM');
  },
  app: async ({ sim }, use) => {
    // Provider mode: the Primary Customer Profile is configuration, read from the simulator as an
    // operator reads it from the Twilio Console.
    const { primaryCustomerProfileSid } = (await sim.control('info')) as { primaryCustomerProfileSid: string };
    expect(primaryCustomerProfileSid).toMatch(/^BU/);
    const app = await startWebApp(['--twilio-base-url', sim.baseUrl], { SMS_DESK_PRIMARY_CUSTOMER_PROFILE_SID: primaryCustomerProfileSid });
    await use(app);
    app.process.kill('SIGTERM');
  },
});

async function goLive(page: Page) {
  await openSetupStep(page, /Step 1: Texting account/);
  await page.getByLabel('Twilio Account SID').fill(ACCOUNT_SID);
  await page.getByLabel('Twilio Auth Token').fill(AUTH_TOKEN);
  await page.getByRole('button', { name: 'Save credentials' }).click();
  await page.getByRole('button', { name: 'Test connection' }).click();
  await page.getByRole('button', { name: 'Switch to live' }).click();
  await expect(page.getByText('You are live')).toBeVisible();
}

test('an empty live account registers brand, campaign and number, then a mass text is delivered', async ({ page, app, sim }) => {
  await page.goto(app.url);
  await createFirstAdmin(page, 'Dana Owner', '482913');
  await openSmsSettings(page);
  await goLive(page);

  // Before anything is registered, Compose says why texts cannot go yet.
  await page.getByRole('link', { name: 'Compose' }).click();
  await expect(page.getByText('Texts cannot go out yet.')).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'live-compose-not-ready');
  await page.getByRole('button', { name: 'Open Settings → SMS' }).click();
  await expect(page.getByRole('heading', { name: 'How your business is registered' })).toBeVisible();
  await expect(page.getByLabel('SMS Desk registers us')).toBeChecked();

  // Brand: Twilio's values on the wire, friendly words on screen.
  await fillBrand(page, '12-3456789');
  await page.getByLabel('Industry').selectOption({ label: 'Education (classes, lessons, schools)' });
  await page.getByRole('button', { name: 'Click to Register Brand' }).click();
  await expect(brandInReview(page)).toBeVisible();
  await screenshot(page, 'live-brand-in-review');
  await checkUntil(page, 'Your brand is registered.');

  // Campaign: use cases come from Twilio for this brand; answers are prefilled.
  await expect(page.getByLabel('What your texts are for')).toHaveValue('MIXED');
  await screenshot(page, 'live-campaign-form');
  await page.getByRole('button', { name: 'Click to Register Campaign' }).click();
  await checkUntil(page, 'The carriers approved how you text families.');

  // Number, covered by the verified campaign.
  await page.getByLabel('Desired area code').fill('512');
  await page.getByRole('button', { name: 'Click to Register Phone Number' }).click();
  await checkUntil(page, /Your texting number is/);
  await expectAccessible(page);
  await screenshot(page, 'live-registered');

  // Live credits and all-hours sending, through the scripting surface.
  await callMain(page, 'credits.adjust', { credits: 100, reason: 'Live test credits' });
  const options = await callMain<Record<string, unknown> & { availableHours: Record<string, unknown> }>(page, 'messageOptions.get');
  const schedule = Array.from({ length: 7 }, () => [{ start: '00:00', end: '24:00' }]);
  await callMain(page, 'messageOptions.update', { ...options, availableHours: { ...options.availableHours, schedule } });
  await callMain(page, 'consent.optIn', { phone: FAMILY });

  await page.getByRole('link', { name: 'Compose' }).click();
  await expect(page.getByText('Texts cannot go out yet.')).toHaveCount(0);
  await page.getByLabel('To').fill('(512) 555-0123');
  await page.getByLabel('Message').fill('Gym closed Monday for the holiday');
  await page.getByRole('button', { name: 'Review and send' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: /^Send/ }).click();

  await expect
    .poll(async () => (await callMain<BatchSummary[]>(page, 'sends.list', { limit: 20 })).find((b) => b.kind === 'mass')?.counts.delivered ?? 0, { timeout: 60_000 })
    .toBe(1);
  const { messages } = (await sim.control('messages')) as { messages: { to: string; status: string; body: string }[] };
  expect(messages.filter((m) => m.to === FAMILY && m.body.includes('Gym closed Monday')).map((m) => m.status)).toEqual(['delivered']);
  await screenshot(page, 'live-delivered');
});
