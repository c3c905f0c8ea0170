import { expect, expectAccessible, screenshot, test } from './fixtures';
import { openSetupStep } from './registration-flows';
import { createFirstAdmin, signIn, signOut } from './flows';

const banner = 'Sandbox mode: texts go to a built-in test carrier and nobody receives them.';

test('a newcomer sees Sandbox mode from the first screen on, and the test values where they are typed', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByRole('heading', { name: 'Welcome to SMS Desk' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: banner })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'first-run-sandbox');

  await createFirstAdmin(page, 'Dana Owner', '482913');
  await signOut(page);
  await expect(page.getByRole('status').filter({ hasText: banner })).toBeVisible();
  await expectAccessible(page);
  await signIn(page, 'Dana Owner', '482913');

  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('tab', { name: 'SMS' }).click();
  // The Sandbox account is ready, so its step starts closed: open it for its hints too.
  await openSetupStep(page, /Step 1: Texting account/);
  await expect(page.getByText('EIN 00-0000000 fails review')).toBeVisible();
  await expect(page.getByText('EIN 99-9999999 stays in review and is never decided')).toBeVisible();
  await expect(page.getByText('area code 999 has no numbers available')).toBeVisible();
  await expect(page.getByText('(500) 555-0009 behaves like a landline')).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'settings-sms-sandbox-hints');
});
