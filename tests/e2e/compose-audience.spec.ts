import { test as base } from '@playwright/test';
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, expectAccessible, screenshot, startWebApp, type WebApp } from './fixtures';
import { createFirstAdmin } from './flows';
import { callMain, openAllHours } from './main-calls';
import { openSmsSettings, registerEverything } from './registration-flows';

// A short brand review so registration completes in seconds.
const test = base.extend<{ app: WebApp }>({
  // eslint-disable-next-line no-empty-pattern
  app: async ({}, use) => {
    const app = await startWebApp([], { SMS_DESK_SANDBOX_BRAND_REVIEW_MS: '1500' });
    await use(app);
    app.process.kill('SIGTERM');
  },
});

const ANA = '+15125550131';
const BO = '+15125550132';
/** The Chen family opted out; the Patel family never opted in. */
const LI = '+15125550133';
const RAJ = '+15125550134';

/** Level 2 on Tuesdays with a student from each of four families. */
async function level2Class(page: Page) {
  const { id: classId } = await callMain<{ id: number }>(page, 'contacts.saveClass', { id: null, name: 'Level 2', schedule: [{ weekday: 'tue', start: '16:00', end: '16:45' }] });
  const families: Array<[string, string, string, string]> = [['Ana', 'Rivera', ANA, 'Mia'], ['Bo', 'Diaz', BO, 'Leo'], ['Li', 'Chen', LI, 'Max'], ['Raj', 'Patel', RAJ, 'Sam']];
  for (const [first, last, phone, child] of families) {
    const { id } = await callMain<{ id: number }>(page, 'contacts.save', { id: null, contact: { kind: 'guardian', firstName: first, lastName: last, familyName: last, phones: [phone] } });
    const { familyId } = await callMain<{ familyId: number }>(page, 'contacts.get', { id });
    await callMain(page, 'contacts.save', { id: null, contact: { kind: 'student', firstName: child, lastName: last, familyId, classIds: [classId] } });
  }
  // Recorded as if from the families' registration forms, without a signup text each.
  for (const phone of [ANA, BO]) await callMain(page, 'consent.optIn', { phone });
  await callMain(page, 'consent.optOut', { phone: LI });
}

/** What the Sandbox carrier holds: every text handed to it, as it writes them to its state file. */
function carrierTexts(app: WebApp): Array<{ to: string; body: string }> {
  try {
    const state = JSON.parse(readFileSync(join(app.dataDir, 'sandbox-carrier.json'), 'utf8')) as { messages: Array<{ to: string; body: string; direction: string }> };
    return state.messages.filter((m) => m.direction === 'outbound-api').map(({ to, body }) => ({ to, body }));
  } catch {
    return [];
  }
}

test('text a class with {first_name}: each person’s text, the families left out, and each name filled in at the carrier', async ({ page, app }) => {
  test.setTimeout(180_000);
  await page.goto(app.url);
  await createFirstAdmin(page, 'Dana Owner', '482913');
  await openSmsSettings(page);
  await registerEverything(page);
  await openAllHours(page, { header: 'Sunny Swim:' });
  await level2Class(page);

  await page.getByRole('link', { name: 'Compose' }).click();
  await page.getByRole('checkbox', { name: /Level 2/ }).check();
  const message = page.getByLabel('Message', { exact: true });
  await message.fill('Hi ');
  await page.getByRole('group', { name: 'Insert field' }).getByRole('button', { name: 'First name' }).click();
  await message.press('End');
  await message.pressSequentially(', no class Tuesday: the pool is closed.');
  await expect(message).toHaveValue('Hi {first_name}, no class Tuesday: the pool is closed.');

  const preview = page.getByRole('region', { name: 'Each person’s text' });
  await expect(preview.getByText('2 × 1 part')).toBeVisible();
  await preview.getByLabel('Show the text of').selectOption({ label: 'Ana Rivera' });
  await expect(preview.getByRole('figure')).toContainText('Sunny Swim:\nHi Ana, no class Tuesday: the pool is closed.\nReply STOP to opt out.');
  await preview.getByText('Opted out: 1').click();
  await expect(preview.getByText('Li Chen')).toBeVisible();
  await preview.getByText('Never opted in: 1').click();
  await expect(preview.getByText('Raj Patel')).toBeVisible();
  await screenshot(page, 'compose-audience');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Review and send' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Send to 2 people' }).click();
  await expect(page.getByText(/2 texts are on their way\. 2 left out\./)).toBeVisible();

  await expect.poll(() => carrierTexts(app).filter((t) => t.body.includes('no class Tuesday')).length, { timeout: 60_000 }).toBe(2);
  const texts = carrierTexts(app).filter((t) => t.body.includes('no class Tuesday'));
  expect(Object.fromEntries(texts.map((t) => [t.to, t.body]))).toEqual({
    [ANA]: 'Sunny Swim:\nHi Ana, no class Tuesday: the pool is closed.\nReply STOP to opt out.',
    [BO]: 'Sunny Swim:\nHi Bo, no class Tuesday: the pool is closed.\nReply STOP to opt out.',
  });
  expect(carrierTexts(app).map((t) => t.to)).not.toContain(LI);
  expect(carrierTexts(app).map((t) => t.to)).not.toContain(RAJ);
});

test('an admin writes the family SMS policy beside the composer; it shows where a number is opted in and as a page for the website', async ({ page, app }) => {
  await page.goto(app.url);
  await createFirstAdmin(page, 'Dana Owner', '482913');
  const guidelines = page.getByRole('region', { name: 'Texting guidelines' });
  await expect(guidelines).toContainText('Text only people who agreed to get texts.');
  await guidelines.getByRole('button', { name: 'Edit guidelines and family policy' }).click();
  const form = page.getByRole('form', { name: 'SMS policy' });
  await expect(form.getByLabel('Family SMS policy')).toHaveValue(/Message and data rates may apply\./);
  await form.getByLabel('Family SMS policy').fill('Sunny Swim texts\n\nClass news & closures, a few times a month. Reply STOP to stop. Message and data rates may apply.');
  await form.getByLabel('Staff guidelines').fill('Check names before sending.');
  await screenshot(page, 'compose-policy-editor');
  await form.getByRole('button', { name: 'Save policy' }).click();
  await expect(guidelines).toContainText('Check names before sending.');

  await guidelines.getByRole('button', { name: 'Edit guidelines and family policy' }).click();
  await page.getByText('Family policy for your website').click();
  await expect(page.getByLabel('Family policy as a web page (HTML)')).toHaveValue(/<h1>Sunny Swim texts<\/h1>[\s\S]*Class news &#38; closures/);
  await page.getByRole('form', { name: 'SMS policy' }).getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('link', { name: 'Contacts' }).click();
  await page.getByRole('tab', { name: 'Numbers and consent' }).click();
  await page.getByText('What the family agrees to (our SMS policy)').click();
  await expect(page.getByText(/Class news & closures, a few times a month/)).toBeVisible();
  await expectAccessible(page);
});
