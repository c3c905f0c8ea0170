import { test as base } from '@playwright/test';
import type { Page } from '@playwright/test';
import { expect, expectAccessible, screenshot, startWebApp, type WebApp } from './fixtures';
import { createFirstAdmin, fillBrand } from './flows';

// A short review and timeout so the whole registration story runs in seconds.
const test = base.extend<{ app: WebApp }>({
  // eslint-disable-next-line no-empty-pattern
  app: async ({}, use) => {
    const app = await startWebApp([], { SMS_DESK_SANDBOX_BRAND_REVIEW_MS: '1500', SMS_DESK_REGISTRATION_TIMEOUT_MS: '4000' });
    await use(app);
    app.process.kill('SIGTERM');
  },
});

async function openSmsSettings(page: Page, app: WebApp) {
  await page.goto(app.url);
  await createFirstAdmin(page, 'Dana Owner', '482913');
  await expect(page.getByText('Sandbox mode: texts go to a built-in test carrier')).toBeVisible();
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('tab', { name: 'SMS' }).click();
}

const register = (page: Page) => page.getByRole('button', { name: 'Click to Register Brand' }).click();
const inProcess = (page: Page) => page.getByText('Your brand was submitted. Registration is in process');

async function refreshUntil(page: Page, text: string | RegExp) {
  await expect(async () => {
    await page.getByRole('button', { name: 'Refresh' }).first().click();
    await expect(page.getByText(text)).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
}

test('brand: invalid EIN hint, submit, refresh until approved; phone: none in 999, then assigned', async ({ page, app }) => {
  await openSmsSettings(page, app);
  await expectAccessible(page);
  await fillBrand(page, '123456789');
  await page.getByLabel('Tax ID (EIN)').blur();
  await expect(page.getByText('Enter the EIN as 2 digits, a dash, then 7 digits')).toBeVisible();
  await register(page);
  await expect(page.getByText('Please fix the field marked above.')).toBeVisible();
  await screenshot(page, 'registration-form-invalid');

  await page.getByLabel('Tax ID (EIN)').fill('12-3456789');
  await register(page);
  await expect(inProcess(page)).toBeVisible();
  await screenshot(page, 'registration-in-process');

  await page.getByLabel('Desired area code').fill('999');
  await page.getByRole('button', { name: 'Click to Register Phone Number' }).click();
  await expect(page.getByText('No number is available in area code 999')).toBeVisible();
  await screenshot(page, 'registration-phone-none');
  await page.getByLabel('Desired area code').fill('512');
  await page.getByRole('button', { name: 'Click to Register Phone Number' }).click();
  await expect(page.getByText('Phone number registration is in process')).toBeVisible();

  await refreshUntil(page, 'Your brand is registered.');
  // The approved brand completes the number bought for it.
  await expect(page.getByRole('status').filter({ hasText: 'Your texting number is' })).toContainText('+1512');
  await expectAccessible(page);
  await screenshot(page, 'registration-approved');
});

test('Tax ID mismatch shows the reason and Reset Brand; the corrected brand is accepted', async ({ page, app }) => {
  await openSmsSettings(page, app);
  await fillBrand(page, '00-0000000');
  await register(page);
  await expect(inProcess(page)).toBeVisible();
  await refreshUntil(page, 'could not match your EIN to your legal business name');
  await expect(page.getByRole('button', { name: 'Reset Brand' })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'registration-tax-id-mismatch');

  await page.getByRole('button', { name: 'Reset Brand' }).click();
  await expect(page.getByLabel('Tax ID (EIN)')).toHaveValue('');
  await fillBrand(page, '12-3456789');
  await register(page);
  await refreshUntil(page, 'Your brand is registered.');
});

test('a registration pending too long offers Reset Brand without a message', async ({ page, app }) => {
  await openSmsSettings(page, app);
  await fillBrand(page, '99-9999999');
  await register(page);
  await expect(inProcess(page)).toBeVisible();
  await expect(async () => {
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(page.getByRole('button', { name: 'Reset Brand' })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(inProcess(page)).toHaveCount(0);
  const brandSection = page.getByRole('region', { name: '1. Register your brand' });
  await expect(brandSection.getByRole('alert').filter({ hasText: /\S/ })).toHaveCount(0);
  await screenshot(page, 'registration-timed-out');
  await page.getByRole('button', { name: 'Reset Brand' }).click();
  await expect(page.getByRole('button', { name: 'Click to Register Brand' })).toBeVisible();
});
