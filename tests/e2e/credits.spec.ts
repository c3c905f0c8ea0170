import type { Page } from '@playwright/test';
import { expect, expectAccessible, screenshot, test } from './fixtures';
import { addClerk, createFirstAdmin, signIn, signOut } from './flows';

/** Credits every new Sandbox starts with, so the desk can be tried without buying any. */
const SANDBOX_GRANT = '1,000';

const indicator = (page: Page) => page.getByRole('banner').getByText(/^Credits: /);
const balanceCard = (page: Page) => page.getByRole('region', { name: 'Credit balance' });
const adjustForm = (page: Page) => page.getByRole('form', { name: 'Adjust credits' });

/** The Available figure, found by its term so a Held figure of the same size cannot match. */
const available = (page: Page) =>
  balanceCard(page).locator('div').filter({ has: page.getByRole('term').getByText('Available', { exact: true }) }).getByRole('definition');

async function openCredits(page: Page) {
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('tab', { name: 'Credits' }).click();
  await expect(balanceCard(page)).toBeVisible();
}

async function adjust(page: Page, credits: string, reason: string) {
  const form = adjustForm(page);
  await form.getByLabel('Credits to add or remove').fill(credits);
  await form.getByLabel('Reason').fill(reason);
  await form.getByRole('button', { name: 'Adjust balance' }).click();
}

const balanceFromMain = (page: Page) => page.evaluate(() => window.smsDesk!.call['credits.balance']());

test('an admin sees the Sandbox credits, corrects the balance with a reason, and a clerk cannot', async ({ page, app }) => {
  await page.goto(app.url);
  await createFirstAdmin(page, 'Dana Owner', '482913');
  // Browser mode starts in Sandbox: the banner says so and the starting credits are in the top bar.
  await expect(page.getByText('Sandbox mode: texts go to a built-in test carrier')).toBeVisible();
  await expect(indicator(page)).toHaveText(`Credits: ${SANDBOX_GRANT}`);
  await screenshot(page, 'credits-top-bar');

  await openCredits(page);
  await expect(available(page)).toHaveText(SANDBOX_GRANT);
  await expectAccessible(page);

  // A goodwill grant: both figures move together, and the form clears so it cannot be applied twice.
  await adjust(page, '250', 'Goodwill for a failed class reminder');
  await expect(adjustForm(page).getByRole('status')).toHaveText('Balance is now 1,250 credits.');
  await expect(available(page)).toHaveText('1,250');
  await expect(indicator(page)).toHaveText('Credits: 1,250');
  await expect(adjustForm(page).getByLabel('Credits to add or remove')).toHaveValue('');
  await expect(adjustForm(page).getByLabel('Reason')).toHaveValue('');

  // Removing credits works the same way.
  await adjust(page, '-50', 'Correcting a double grant');
  await expect(adjustForm(page).getByRole('status')).toHaveText('Balance is now 1,200 credits.');
  await expect(indicator(page)).toHaveText('Credits: 1,200');
  await screenshot(page, 'credits-adjusted');

  // Zero is refused under its field, and nothing reaches main.
  await adjust(page, '0', 'Testing the form');
  const amount = adjustForm(page).getByLabel('Credits to add or remove');
  await expect(adjustForm(page).getByText('Enter a number of credits other than zero.')).toBeVisible();
  await expect(amount).toHaveAttribute('aria-invalid', 'true');
  await expect(adjustForm(page).getByRole('status')).toHaveCount(0);
  await expectAccessible(page);
  await screenshot(page, 'credits-invalid');

  // A missing reason is refused the same way.
  await adjust(page, '75', '');
  const reason = adjustForm(page).getByLabel('Reason');
  await expect(adjustForm(page).getByText('Say why in a few words.')).toBeVisible();
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await expect(amount).not.toHaveAttribute('aria-invalid', 'true');

  // Keyboard only: the fields and the button are reachable and Enter submits.
  await amount.fill('');
  await amount.focus();
  await page.keyboard.type('abc');
  await page.keyboard.press('Enter');
  await expect(adjustForm(page).getByText('Enter a whole number of credits, like 500 to add or -20 to remove.')).toBeVisible();

  // Neither refused attempt changed anything, on screen or in main.
  await expect(available(page)).toHaveText('1,200');
  await expect(indicator(page)).toHaveText('Credits: 1,200');
  expect(await balanceFromMain(page)).toEqual({ ok: true, value: { mode: 'sandbox', available: 1200, reserved: 0 } });

  // Each accepted correction is in the audit log (under Reports), in plain words with who made it.
  await page.getByRole('link', { name: 'Reports' }).click();
  await page.getByRole('button', { name: 'Audit log' }).click();
  const adjustments = page.getByRole('row').filter({ hasText: /credits? by hand/ });
  await expect(adjustments).toHaveCount(2);
  await expect(adjustments.filter({ hasText: 'Dana Owner added 250 credits by hand' })).toHaveCount(1);
  await expect(adjustments.filter({ hasText: 'Dana Owner took away 50 credits by hand' })).toHaveCount(1);

  // A front-desk clerk without Admin Access.
  await addClerk(page, 'Sam Front Desk', '7391');
  await signOut(page);
  await signIn(page, 'Sam Front Desk', '7391');

  // The clerk sees the balance but has no way to change it.
  await expect(indicator(page)).toHaveText('Credits: 1,200');
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByText('Settings are managed by an admin')).toBeVisible();
  await expect(page.getByRole('tab', { name: 'Credits' })).toHaveCount(0);
  await expect(adjustForm(page)).toHaveCount(0);

  // Hiding the form is not the protection: main itself refuses the call.
  const refused = await page.evaluate(() => window.smsDesk!.call['credits.adjust']({ credits: 5000, reason: 'Free credits for me' }));
  expect(refused).toEqual({ ok: false, error: { code: 'PERMISSION_DENIED', message: expect.any(String) } });
  expect(await balanceFromMain(page)).toEqual({ ok: true, value: { mode: 'sandbox', available: 1200, reserved: 0 } });
  await expect(indicator(page)).toHaveText('Credits: 1,200');
});
