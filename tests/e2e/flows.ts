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
