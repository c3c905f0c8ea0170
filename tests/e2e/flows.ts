import { expect, type Page } from '@playwright/test';

export async function createFirstAdmin(page: Page, name: string, secret: string): Promise<void> {
  await page.getByLabel('Your name').fill(name);
  await page.getByLabel('PIN or password', { exact: true }).fill(secret);
  await page.getByLabel('Confirm PIN or password').fill(secret);
  await page.getByRole('button', { name: 'Create admin' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
}

export async function signIn(page: Page, name: string, secret: string): Promise<void> {
  await page.getByLabel('Who is signing in?').selectOption({ label: name });
  await page.getByLabel('PIN or password').fill(secret);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
}

/** Fills Settings → SMS → brand form with a valid business; `ein` varies per test. */
export async function fillBrand(page: Page, ein: string): Promise<void> {
  await page.getByLabel('Legal business name').fill('Tumble Town Gymnastics LLC');
  await page.getByLabel('Tax ID (EIN)').fill(ein);
  await page.getByLabel('Website').fill('https://tumbletown.example.com');
  await page.getByLabel('Street address').fill('100 Main St');
  await page.getByLabel('City').fill('Austin');
  await page.getByLabel('ZIP code').fill('78701');
  await page.getByLabel('Contact first name').fill('Dana');
  await page.getByLabel('Contact last name').fill('Rivera');
  await page.getByLabel('Contact email').fill('dana@tumbletown.example.com');
  await page.getByLabel('Contact phone').fill('(512) 555-0142');
}

/** Settings → Staff: adds a staff member without Admin Access (default permissions otherwise). */
export async function addClerk(page: Page, name: string, secret: string): Promise<void> {
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('tab', { name: 'Staff' }).click();
  await page.getByRole('button', { name: 'Add staff member' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel('PIN or password').fill(secret);
  await dialog.getByLabel('Admin Access').uncheck();
  await dialog.getByRole('button', { name: 'Save staff member' }).click();
  await expect(page.getByRole('cell', { name, exact: true })).toBeVisible();
}
