import { test as base } from '@playwright/test';
import type { Page } from '@playwright/test';
import type { BatchSummary } from '../../src/shared/contract';
import { expect, expectAccessible, screenshot, startWebApp, type WebApp } from './fixtures';
import { createFirstAdmin } from './flows';
import { openAllHours } from './main-calls';
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

/** Credits every new Sandbox starts with. */
const SANDBOX_GRANT = 1000;
const FAMILY = '+15125550123';
const SECOND_FAMILY = '+15125550188';
const UNROUTABLE = '+15005550002';
const BODY = 'Gym closed Monday for the holiday';

const indicator = (page: Page) => page.getByRole('banner').getByText(/^Credits: /);

async function registerBrandAndNumber(page: Page) {
  await openSmsSettings(page);
  await registerEverything(page);
}

const sendsFromMain = async (page: Page): Promise<BatchSummary[]> => {
  const result = await page.evaluate(() => window.smsDesk!.call['sends.list']({ limit: 20 }));
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value;
};

const reachedCarrier = (batch: BatchSummary) => batch.counts.accepted + batch.counts.sent + batch.counts.delivered === batch.recipients;

test('after registration, an opted-in number gets its signup and a mass text through the built sending thread', async ({ page, app }) => {
  await page.goto(app.url);
  await createFirstAdmin(page, 'Dana Owner', '482913');
  await expect(indicator(page)).toHaveText(`Credits: ${SANDBOX_GRANT.toLocaleString('en-US')}`);
  await registerBrandAndNumber(page);
  await openAllHours(page);

  const optedIn = await page.evaluate((phone) => window.smsDesk!.call['consent.optIn']({ phone }), FAMILY);
  expect(optedIn).toEqual({ ok: true, value: { phone: FAMILY, signupQueued: true } });
  const queued = await page.evaluate(
    ({ phone, body }) => window.smsDesk!.call['sends.create']({ recipients: [phone], body, timing: { kind: 'now' } }),
    { phone: FAMILY, body: BODY },
  );
  expect(queued).toMatchObject({ ok: true, value: { batch: { kind: 'mass', recipients: 1 }, skipped: [] } });

  // The sending thread (out/main/sending-thread.js in this build) hands both texts to the carrier.
  await expect
    .poll(async () => (await sendsFromMain(page)).map((batch) => `${batch.kind}:${reachedCarrier(batch)}`).sort(), { timeout: 30_000 })
    .toEqual(['mass:true', 'signup:true']);

  const used = (await sendsFromMain(page)).reduce((sum, batch) => sum + batch.recipients * batch.creditsPerRecipient, 0);
  expect(used).toBeGreaterThanOrEqual(2);
  const left = SANDBOX_GRANT - used;
  expect(await page.evaluate(() => window.smsDesk!.call['credits.balance']())).toEqual({ ok: true, value: { mode: 'sandbox', available: left, reserved: 0 } });
  // Nothing held any more: the top bar shows only the reduced balance.
  await expect(indicator(page)).toHaveText(`Credits: ${left.toLocaleString('en-US')}`);
  await screenshot(page, 'sending-credits-spent');
});

test('a clerk writes a text in Compose, sees who it reaches and what it costs, sends it, and watches it arrive', async ({ page, app }) => {
  await page.goto(app.url);
  await createFirstAdmin(page, 'Dana Owner', '482913');
  await registerBrandAndNumber(page);
  await openAllHours(page);

  // The families agreed at the desk: opt them in under Contacts; each gets the signup message.
  await page.getByRole('link', { name: 'Contacts' }).click();
  await page.getByRole('tab', { name: 'Numbers and consent' }).click();
  for (const phone of ['(512) 555-0123', '512.555.0188']) {
    await page.getByLabel('Phone number').fill(phone);
    await page.getByRole('button', { name: 'Opt in', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'is opted in. The signup message is on its way.' })).toBeVisible();
  }
  await page.getByLabel('Phone number').fill('(512) 555-0199');
  await page.getByRole('button', { name: 'Opt out', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'opted out' })).toHaveText('(512) 555-0199 is opted out. It gets no more texts, and any waiting are canceled.');
  const numbersTable = page.getByRole('region', { name: 'Numbers and consent' });
  await expect(numbersTable.getByRole('row')).toHaveCount(4);
  await numbersTable.getByRole('row').filter({ hasText: '(512) 555-0123' }).getByRole('button', { name: 'Show history' }).click();
  await expect(numbersTable.getByText(/^Opted in by Dana Owner, Today/)).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'contacts-consent');

  await page.getByRole('link', { name: 'Compose' }).click();
  await expect(page.getByRole('heading', { name: 'New text' })).toBeVisible();
  const summary = page.getByRole('region', { name: 'Before you send' });
  const figure = (name: string) => summary.getByText(name, { exact: true }).locator('xpath=following-sibling::dd');

  // Two opted-in families, the first one typed twice, a typo and a number that opted out.
  await page.getByLabel('To').fill(`(512) 555-0123\n${SECOND_FAMILY}, +1 512 555 0123; 555-01\n+1 512 555 0199`);
  // Curly quotes and a long dash force the 70-character parts.
  // With the footer "Reply STOP to opt out." that is 80 characters: 2 parts of 67, or 1 part of 160 in plain text.
  await page.getByLabel('Message').fill('Reminder: “Fall Showcase” is Saturday — doors open at 9.');
  await expect(figure('Recipients')).toHaveText('2');
  await expect(page.getByText('These characters make each part hold 70 characters instead of 160')).toBeVisible();
  await expect(figure('Parts per text')).toHaveText('2');
  await expect(figure('Credits needed')).toHaveText('4');
  await summary.getByText('3 entries left out').click();
  await expect(summary.getByText('Opted out of texts.', { exact: false })).toBeVisible();
  await expect(summary.getByText('Same number as another recipient', { exact: false })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'compose-special-characters');

  // One click keeps it in plain text: one part each, half the credits.
  await page.getByRole('button', { name: 'Use plain characters' }).click();
  await expect(page.getByLabel('Message')).toHaveValue('Reminder: "Fall Showcase" is Saturday - doors open at 9.');
  await expect(figure('Parts per text')).toHaveText('1');
  await expect(figure('Credits needed')).toHaveText('2');
  await expect(figure('Credits left after')).toHaveText(String(SANDBOX_GRANT - 2 - 2)); // two signup messages went out too

  // The draft is kept in main as it is typed: a reload (or a crash) brings it back.
  await expect(page.getByText(/^Draft saved at/)).toBeVisible();
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await page.getByRole('link', { name: 'Compose' }).click();
  await expect(page.getByLabel('Message')).toHaveValue('Reminder: "Fall Showcase" is Saturday - doors open at 9.');
  await expect(figure('Recipients')).toHaveText('2');

  await page.getByRole('button', { name: 'Review and send' }).click();
  const dialog = page.getByRole('alertdialog');
  await expect(dialog.getByRole('heading', { name: 'Send this text to 2 people?' })).toBeVisible();
  await expect(dialog).toContainText('It goes out now.');
  await expect(dialog).toContainText('2 credits in all');
  await screenshot(page, 'compose-confirm');
  await dialog.getByRole('button', { name: 'Send to 2 people' }).click();
  await expect(page.getByRole('status').filter({ hasText: '2 texts are on their way. 3 left out.' })).toBeVisible();
  await expect(page.getByLabel('Message')).toHaveValue('');

  const recent = page.getByRole('region', { name: 'Recent sends' });
  const row = recent.getByRole('row').filter({ hasText: 'Fall Showcase' });
  await expect(row).toContainText(/2 (delivered|with the carrier)/, { timeout: 30_000 });
  await expect(indicator(page)).toHaveText(`Credits: ${(SANDBOX_GRANT - 4).toLocaleString('en-US')}`);
  await expectAccessible(page);
  await screenshot(page, 'compose-sent');

  // A number the carrier cannot route to (the simulator's +1 500 555 0002 answers 21612).
  await page.getByRole('link', { name: 'Contacts' }).click();
  await page.getByRole('tab', { name: 'Numbers and consent' }).click();
  await page.getByLabel('Phone number').fill(UNROUTABLE);
  await page.getByRole('button', { name: 'Opt in', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'is opted in' })).toBeVisible();
  await page.getByRole('link', { name: 'Compose' }).click();
  await page.getByLabel('To').fill(UNROUTABLE);
  await page.getByLabel('Message').fill('Pool party moved to 4 PM.');
  await expect(figure('Recipients')).toHaveText('1');
  await page.getByRole('button', { name: 'Review and send' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Send to 1 person' }).click();

  const failedRow = recent.getByRole('row').filter({ hasText: 'Pool party moved' });
  await expect(failedRow).toContainText('1 failed', { timeout: 30_000 });
  await failedRow.getByRole('button', { name: 'See what did not arrive' }).click();
  await expect(failedRow.getByRole('listitem')).toContainText('(500) 555-0002 — Not sent');
  await expect(failedRow.getByRole('listitem')).toContainText('carrier code 21612');
  await failedRow.getByRole('button', { name: 'Retry the 1 failed' }).click();
  await expect(page.getByRole('alertdialog')).toContainText('It goes out now, as a new send.');
  await page.getByRole('alertdialog').getByRole('button', { name: 'Send to 1 person' }).click();
  await expect(recent.getByRole('status').filter({ hasText: 'The retry is on its way to 1 number.' })).toBeVisible();
  await expect(recent.getByRole('row').filter({ hasText: 'Pool party moved' })).toHaveCount(2);
  await expectAccessible(page);
  await screenshot(page, 'compose-retry');
});

test('a family texts in: the reply shows in the Messenger Center, is answered, noted, and STOP opts the number out', async ({ page, app }) => {
  await page.goto(app.url);
  await createFirstAdmin(page, 'Dana Owner', '482913');
  await registerBrandAndNumber(page);
  await page.getByRole('link', { name: /^Messenger Center/ }).click();
  await expect(page.getByText('Choose a conversation to read and answer it.')).toBeVisible();

  // Sandbox: play the family texting the gym's number.
  await page.getByLabel('From number').fill('(512) 555-0123');
  await page.getByLabel('Their message').fill('Is practice still on tonight?');
  await page.getByRole('button', { name: 'Receive this text' }).click();
  const conversations = page.getByRole('list', { name: 'Conversations' });
  await expect(conversations.getByRole('listitem')).toHaveCount(1);
  await expect(page.getByRole('link', { name: /^Messenger Center/ })).toContainText('1 unread');
  await expectAccessible(page);

  await conversations.getByRole('button', { name: /\(512\) 555-0123/ }).click();
  const messages = page.getByRole('list', { name: 'Messages' });
  await expect(messages).toContainText('Is practice still on tonight?');
  // Opening it reads it.
  await expect(page.getByRole('link', { name: /^Messenger Center/ })).not.toContainText('unread');

  await page.getByLabel('Reply', { exact: true }).fill('Yes! 5 PM as usual.');
  await expect(page.getByText(/^1 credit · [\d,]+ left after/)).toBeVisible();
  await page.getByRole('button', { name: 'Send reply' }).click();
  await expect(messages).toContainText('Yes! 5 PM as usual.');
  await expect(messages).toContainText(/Reply by Dana Owner · (Delivered|Sent|With the carrier|Sending|Waiting to send)/);
  await expect(page.getByRole('button', { name: 'Reopen' })).toBeVisible();

  await page.getByLabel('New note').fill('Mom asked about the spring schedule too');
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(page.getByText('Mom asked about the spring schedule too')).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'messenger-thread');

  // STOP: the number is opted out at once, and the conversation needs attention again.
  await page.getByLabel('Their message').fill('STOP');
  await page.getByRole('button', { name: 'Receive this text' }).click();
  await expect(messages).toContainText('Opted out with this reply');
  await expect(page.getByText('This number opted out.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Mark handled' })).toBeVisible();

  await page.getByRole('button', { name: 'Needs reply' }).click();
  await expect(conversations.getByRole('listitem')).toHaveCount(1);
  await page.getByLabel('Search').fill('spring');
  await expect(page.getByText('0 messages found')).toBeVisible();
  await page.getByLabel('Search').fill('practice');
  await expect(page.getByText('1 message found', { exact: true })).toBeVisible();

  await page.getByRole('link', { name: 'Contacts' }).click();
  await page.getByRole('tab', { name: 'Numbers and consent' }).click();
  const row = page.getByRole('region', { name: 'Numbers and consent' }).getByRole('row').filter({ hasText: '(512) 555-0123' });
  await expect(row).toContainText('Opted out');
  await row.getByRole('button', { name: 'Show history' }).click();
  await expect(row).toContainText('Opted out by a text reply');
});
