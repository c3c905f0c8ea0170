import { test as base } from '@playwright/test';
import type { Page } from '@playwright/test';
import { expect, expectAccessible, screenshot, startWebApp, type WebApp } from './fixtures';
import { sandboxTriggers } from '../../src/shared/sandbox/trigger-values';
import { createFirstAdmin, fillBrand } from './flows';
import { brandInReview, checkUntil, openSmsSettings } from './registration-flows';

// A short review and timeout so the whole registration story runs in seconds.
const test = base.extend<{ app: WebApp }>({
  // eslint-disable-next-line no-empty-pattern
  app: async ({}, use) => {
    const app = await startWebApp([], { SMS_DESK_SANDBOX_BRAND_REVIEW_MS: '1500', SMS_DESK_REGISTRATION_TIMEOUT_MS: '4000' });
    await use(app);
    app.process.kill('SIGTERM');
  },
});

async function openSettings(page: Page, app: WebApp) {
  await page.goto(app.url);
  await createFirstAdmin(page, 'Dana Owner', '482913');
  await expect(page.getByText('Sandbox mode: texts go to a built-in test carrier')).toBeVisible();
  await openSmsSettings(page);
}

const register = (page: Page) => page.getByRole('button', { name: 'Click to Register Brand' }).click();

test('brand: invalid EIN hint, submit, in review until approved; campaign prefilled and approved; phone: none in 999, then assigned', async ({ page, app }) => {
  await openSettings(page, app);
  await expectAccessible(page);
  await screenshot(page, 'registration-account-model');
  await fillBrand(page, '123456789');
  await page.getByLabel('Tax ID (EIN)').blur();
  await expect(page.getByText('Enter the EIN as 2 digits, a dash, then 7 digits')).toBeVisible();
  await register(page);
  await expect(page.getByText('Please fix the field marked above.')).toBeVisible();
  await screenshot(page, 'registration-form-invalid');

  await page.getByLabel('Tax ID (EIN)').fill('12-3456789');
  await register(page);
  await expect(brandInReview(page)).toBeVisible();
  await expect(page.getByText('normally take a few days')).toBeVisible();
  await screenshot(page, 'registration-in-process');

  await page.getByLabel('Desired area code').fill('999');
  await page.getByRole('button', { name: 'Click to Register Phone Number' }).click();
  await expect(page.getByText('No number is available in area code 999')).toBeVisible();
  await screenshot(page, 'registration-phone-none');
  await page.getByLabel('Desired area code').fill('512');
  await page.getByRole('button', { name: 'Click to Register Phone Number' }).click();
  await expect(page.getByText('Your number is reserved.')).toBeVisible();

  await checkUntil(page, 'Your brand is registered.');
  // The campaign step opens with Mixed and answers drawn from the business's own messages.
  await expect(page.getByLabel('What your texts are for')).toHaveValue('MIXED');
  await expect(page.getByLabel('How families agree to get texts')).not.toHaveValue('');
  await expectAccessible(page);
  await screenshot(page, 'registration-campaign-form');
  await page.getByRole('button', { name: 'Click to Register Campaign' }).click();
  await expect(page.getByText('Your description was sent for review')).toBeVisible();
  await screenshot(page, 'registration-campaign-in-review');
  await checkUntil(page, 'The carriers approved how you text families.');
  // The approved brand and campaign complete the number bought for them.
  await expect(page.getByRole('status').filter({ hasText: 'Your texting number is' })).toContainText('+1512');
  await expectAccessible(page);
  await screenshot(page, 'registration-approved');
});

test('Tax ID mismatch shows the reason and the details to correct; Reset Brand resubmits the same brand, corrected', async ({ page, app }) => {
  await openSettings(page, app);
  await fillBrand(page, sandboxTriggers.failingEin);
  await register(page);
  await expect(brandInReview(page)).toBeVisible();
  await checkUntil(page, 'could not match your EIN to your legal business name');
  await expect(page.getByLabel('Tax ID (EIN)')).toHaveValue(sandboxTriggers.failingEin);
  await expect(page.getByRole('button', { name: 'Reset Brand' })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'registration-tax-id-mismatch');

  await page.getByLabel('Tax ID (EIN)').fill('12-3456789');
  await page.getByRole('button', { name: 'Reset Brand' }).click();
  await expect(brandInReview(page)).toBeVisible();
  await checkUntil(page, 'Your brand is registered.');
});

test('a registration pending too long offers Reset Brand without a message', async ({ page, app }) => {
  await openSettings(page, app);
  await fillBrand(page, sandboxTriggers.undecidedEin);
  await register(page);
  await expect(brandInReview(page)).toBeVisible();
  // No reset is offered while the review is within its normal time.
  await expect(page.getByRole('button', { name: 'Reset Brand' })).toHaveCount(0);
  await checkUntil(page, 'The carriers have not answered for much longer than usual.');
  await expect(brandInReview(page)).toHaveCount(0);
  const brandSection = page.getByRole('region', { name: 'Business details' });
  await expect(brandSection.getByRole('alert').filter({ hasText: /\S/ })).toHaveCount(0);
  await screenshot(page, 'registration-timed-out');
  await page.getByRole('button', { name: 'Reset Brand' }).click();
  await expect(brandInReview(page).or(page.getByRole('button', { name: 'Click to Register Brand' }))).toBeVisible();
});
