import { expect, type Page } from '@playwright/test';
import { fillBrand } from './flows';

export const brandInReview = (page: Page) => page.getByText('Your brand was sent for review');

/**
 * Waits for a registration step to be decided. The screen reads the registration again by itself
 * while anything is in review; "Check now" also asks the carrier, for when nothing else does.
 */
export async function checkUntil(page: Page, text: string | RegExp, timeout = 30_000): Promise<void> {
  await expect(async () => {
    const check = page.getByRole('button', { name: 'Check now' }).first();
    if (await check.isVisible()) await check.click();
    await expect(page.getByText(text).first()).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout });
}

/** Opens a step of the guided setup (done steps start closed); a step already open stays open. */
export async function openSetupStep(page: Page, step: RegExp): Promise<void> {
  const head = page.getByRole('button', { name: step });
  if ((await head.getAttribute('aria-expanded')) !== 'true') await head.click();
  await expect(head).toHaveAttribute('aria-expanded', 'true');
}

export async function openSmsSettings(page: Page): Promise<void> {
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('tab', { name: 'SMS' }).click();
}

/** Settings → SMS from the start: brand, the campaign with its prefilled answers, a number in `areaCode`. */
export async function registerEverything(page: Page, { ein = '12-3456789', areaCode = '512' } = {}): Promise<void> {
  await fillBrand(page, ein);
  await page.getByRole('button', { name: 'Click to Register Brand' }).click();
  await expect(brandInReview(page)).toBeVisible();
  await page.getByLabel('Desired area code').fill(areaCode);
  await page.getByRole('button', { name: 'Click to Register Phone Number' }).click();
  await expect(page.getByText('Your number is reserved.')).toBeVisible();
  await checkUntil(page, 'Your brand is registered.');
  // The campaign step opens with answers made from the business's own messages.
  await expect(page.getByLabel('How families agree to get texts')).not.toHaveValue('');
  await page.getByRole('button', { name: 'Click to Register Campaign' }).click();
  await checkUntil(page, 'The carriers approved how you text families.');
  await expect(page.getByRole('status').filter({ hasText: 'Your texting number is' })).toContainText(`+1${areaCode}`);
}
