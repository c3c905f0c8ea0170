import { expect, expectAccessible, screenshot, test } from './fixtures';
import { createFirstAdmin } from './flows';

test('an admin sets header, footer, SMS hours and sending speed, and they are kept', async ({ page, app }) => {
  await page.goto(app.url);
  await createFirstAdmin(page, 'Dana Owner', '482913');
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('tab', { name: 'SMS' }).click();
  const panel = page.getByRole('region', { name: 'Message options' });
  await panel.getByLabel('Header').fill('Tumble Town:');
  await expect(panel.getByText('12/50')).toBeVisible();
  await panel.getByLabel('Sunday').check();
  await panel.getByLabel('Sunday until').fill('12:00');
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
  await expectAccessible(page);
  await screenshot(page, 'message-options');

  // A reload keeps the sign-in; the saved options come back from main.
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('tab', { name: 'SMS' }).click();
  await expect(panel.getByLabel('Header')).toHaveValue('Tumble Town:');
  await expect(panel.getByLabel('Sunday until')).toHaveValue('12:00');
  await expect(panel.getByLabel('Sending speed')).toHaveValue('3');
});
