import { expect, expectAccessible, screenshot, test } from './fixtures';
import { createFirstAdmin } from './flows';

test('browser mode: the online indicator follows the connection, and the shortcuts work and are listed', async ({ page, context, app }) => {
  await page.goto(app.url);
  await createFirstAdmin(page, 'Dana Owner', '482913');
  const indicator = page.locator('.connection-indicator');
  await expect(indicator).toHaveAttribute('data-state', 'online');
  await expect(indicator).toContainText('Online');

  await context.setOffline(true);
  await expect(indicator).toHaveAttribute('data-state', 'offline');
  await expect(indicator).toContainText('Offline');
  await screenshot(page, 'offline-indicator');
  await context.setOffline(false);
  await expect(indicator).toHaveAttribute('data-state', 'online');

  await page.getByRole('link', { name: 'Contacts' }).click();
  await page.keyboard.press('Control+Shift+H');
  await expect(page.getByRole('link', { name: /Messenger Center/ })).toHaveAttribute('aria-current', 'page');
  await page.keyboard.press('Control+Shift+E');
  await expect(page.getByRole('link', { name: 'Compose' })).toHaveAttribute('aria-current', 'page');

  await page.keyboard.press('Control+k');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(sheet).toBeVisible();
  await expect(sheet.getByRole('row')).toHaveCount(5);
  await expectAccessible(page);
  await screenshot(page, 'shortcuts-sheet');
  await page.keyboard.press('Escape');
  await expect(sheet).toBeHidden();

  await page.keyboard.press('Control+l');
  await expect(page.getByRole('button', { name: 'Unlock' })).toBeVisible();
});
