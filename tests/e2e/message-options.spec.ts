import { expect, expectAccessible, screenshot, test } from './fixtures';
import { createFirstAdmin } from './flows';
import { openSetupStep } from './registration-flows';

test('an admin sets header, footer, SMS hours and sending speed, and they are kept', async ({ page, app }) => {
  await page.goto(app.url);
  await createFirstAdmin(page, 'Dana Owner', '482913');
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('tab', { name: 'SMS' }).click();
  // Message options and SMS hours are two steps of the guided setup, each saved on its own.
  await openSetupStep(page, /Step \d: Message options/);
  const panel = page.getByRole('region', { name: 'Message options' });
  await panel.getByLabel('Header').fill('Tumble Town:');
  await expect(panel.getByText('12/50')).toBeVisible();
  const speed = panel.getByLabel('Sending speed');
  await expect(speed).toHaveValue('1');
  await speed.fill('0');
  await speed.press('Tab');
  await expect(panel.getByText('At least 0.1 per second.')).toBeVisible();
  await expect(speed).toHaveAttribute('aria-invalid', 'true');
  await speed.fill('3');
  await expect(panel.getByText('At least 0.1 per second.')).toHaveCount(0);
  await panel.getByRole('button', { name: 'Save message options' }).click();
  await expect(panel.getByText('Message options saved.')).toBeVisible();
  await openSetupStep(page, /Step \d: SMS hours/);
  const hours = page.getByRole('region', { name: 'SMS hours' });
  await hours.getByLabel('Sunday').check();
  await hours.getByLabel('Sunday until').fill('12:00');
  await hours.getByRole('button', { name: 'Save SMS hours' }).click();
  await expect(hours.getByText('SMS hours saved.')).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'message-options');

  // A reload keeps the sign-in; the saved options come back from main, neither undoing the other.
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('tab', { name: 'SMS' }).click();
  await openSetupStep(page, /Step \d: Message options/);
  await openSetupStep(page, /Step \d: SMS hours/);
  await expect(panel.getByLabel('Header')).toHaveValue('Tumble Town:');
  await expect(hours.getByLabel('Sunday until')).toHaveValue('12:00');
  await expect(panel.getByLabel('Sending speed')).toHaveValue('3');
});
