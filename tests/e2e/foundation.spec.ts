import { expect, expectAccessible, screenshot, test } from './fixtures';
import { createFirstAdmin, signIn, signOut } from './flows';

test('first run, staff with limited rights, and an admin-only call refused in main', async ({ page, app }) => {
  await page.goto(app.url);
  await expect(page.getByRole('heading', { name: 'Welcome to SMS Desk' })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'first-run');

  await createFirstAdmin(page, 'Dana Owner', '482913');
  await expectAccessible(page);
  await screenshot(page, 'shell');

  await signOut(page);
  await expectAccessible(page);
  await screenshot(page, 'sign-in');
  await signIn(page, 'Dana Owner', '482913');

  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('tab', { name: 'Staff' }).click();
  await page.getByRole('button', { name: 'Add staff member' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill('Sam Front Desk');
  await dialog.getByLabel('PIN or password').fill('7391');
  await dialog.getByLabel('Admin Access').uncheck();
  await expect(dialog.getByLabel('Send Mass SMS')).toBeChecked();
  await expectAccessible(page);
  await screenshot(page, 'staff-dialog');
  await dialog.getByRole('button', { name: 'Save staff member' }).click();
  await expect(page.getByRole('cell', { name: 'Sam Front Desk', exact: true })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'staff-list');

  await signOut(page);
  await signIn(page, 'Sam Front Desk', '7391');
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByText('Settings are managed by an admin')).toBeVisible();

  // Hiding the screen is not the protection: main itself refuses the call.
  const refused = await page.evaluate(() => window.smsDesk!.call['staff.list']());
  expect(refused).toEqual({ ok: false, error: { code: 'PERMISSION_DENIED', message: expect.any(String) } });
  const createAttempt = await page.evaluate(() =>
    window.smsDesk!.call['staff.create']({ name: 'Mallory', secret: '11112222', permissions: ['adminAccess'] }),
  );
  expect(createAttempt).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
});

test('the desk locks and unlocks, and a wrong PIN is refused', async ({ page, app }) => {
  await page.goto(app.url);
  await createFirstAdmin(page, 'Dana Owner', '482913');
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('heading', { name: 'SMS Desk is locked' })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'locked');
  await page.getByLabel('PIN or password').fill('000000');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('alert')).toContainText('not right');
  await page.getByLabel('PIN or password').fill('482913');
  await page.getByRole('button', { name: 'Unlock' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
});
