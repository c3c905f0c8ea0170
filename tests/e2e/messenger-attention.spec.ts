import { test as base } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';
import type { BatchSummary } from '../../src/shared/contract';
import { expect, expectAccessible, screenshot, startWebApp, type WebApp } from './fixtures';
import { addClerk, createFirstAdmin } from './flows';
import { callMain, openAllHours } from './main-calls';
import { openSmsSettings, registerEverything } from './registration-flows';
import { startSimulator, type Simulator } from './simulator-process';

/**
 * The Messenger Center getting a front desk's attention, in browser mode: the real app in Sandbox
 * mode behind `--twilio-base-url`, pointed at the simulator started with its control API open, so
 * the test plays families replying exactly as the carrier's log would show them.
 */
const ACCOUNT_SID = `AC${'7'.repeat(32)}`;
const AUTH_TOKEN = 'messenger-e2e-auth-token-0123456789';
const FAMILIES = Array.from({ length: 12 }, (_, i) => `+1512555${String(100 + i).padStart(4, '0')}`);
const [ANA, SAM, LEE] = FAMILIES as [string, string, string];

const test = base.extend<{ sim: Simulator; app: WebApp }>({
  // eslint-disable-next-line no-empty-pattern
  sim: async ({}, use) => {
    const sim = await startSimulator(ACCOUNT_SID, AUTH_TOKEN);
    await sim.control('settings', { brandReviewMs: 1500, campaignReviewMs: 1500 });
    await use(sim);
    sim.process.kill('SIGTERM');
  },
  app: async ({ sim }, use) => {
    const { primaryCustomerProfileSid } = (await sim.control('info')) as { primaryCustomerProfileSid: string };
    const app = await startWebApp(['--twilio-base-url', sim.baseUrl], {
      SMS_DESK_PRIMARY_CUSTOMER_PROFILE_SID: primaryCustomerProfileSid,
      SMS_DESK_TWILIO_ACCOUNT_SID: ACCOUNT_SID,
      SMS_DESK_TWILIO_AUTH_TOKEN: AUTH_TOKEN,
      SMS_DESK_SANDBOX_BRAND_REVIEW_MS: '1500',
    });
    await use(app);
    app.process.kill('SIGTERM');
  },
});

/** The page's Notifications API, recorded: the browser asks only when the person clicks, and what was shown is kept. */
async function recordNotifications(page: Page) {
  await page.addInitScript(() => {
    const shown: Array<{ title: string; body: string }> = [];
    class RecordedNotification {
      static permission: NotificationPermission = 'default';
      static requestPermission() {
        RecordedNotification.permission = 'granted';
        return Promise.resolve<NotificationPermission>('granted');
      }
      onclick: (() => void) | null = null;
      constructor(title: string, options?: NotificationOptions) {
        shown.push({ title, body: options?.body ?? '' });
      }
      close() {}
    }
    Object.assign(window, { Notification: RecordedNotification, shownNotifications: shown });
  });
}
const notifications = (page: Page) => page.evaluate(() => (window as unknown as { shownNotifications: Array<{ title: string; body: string }> }).shownNotifications);

const reply = (sim: Simulator, number: string, from: string, body: string) => sim.control('inbound', { from, to: number, body });
const checkForReplies = (page: Page) => callMain(page, 'messenger.checkNow');
const messengerLink = (page: Page) => page.getByRole('link', { name: /^Messenger Center/ });
const conversations = (page: Page) => page.getByRole('list', { name: 'Conversations' });

/** Nothing in a conversation row is pushed past its edge: the name, time, preview and status all stay inside. */
async function expectRowsWhole(rows: Locator) {
  const count = await rows.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i += 1) {
    const row = rows.nth(i);
    const box = (await row.boundingBox())!;
    for (const part of ['.thread-name', '.thread-time', '.thread-preview', '.thread-status']) {
      const inner = row.locator(part);
      if ((await inner.count()) === 0) continue;
      const edge = (await inner.boundingBox())!;
      expect(edge.x + edge.width, `${part} of row ${i} ends inside the row`).toBeLessThanOrEqual(box.x + box.width + 0.5);
      expect(edge.x, `${part} of row ${i} starts inside the row`).toBeGreaterThanOrEqual(box.x - 0.5);
    }
  }
}

test('replies get a front desk’s attention, and a conversation is assigned, answered, found, handled and opted out', async ({ page, app, sim }) => {
  test.setTimeout(300_000);
  await recordNotifications(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(app.url);
  await createFirstAdmin(page, 'Dana Owner', '482913');
  await addClerk(page, 'Casey Clerk', '135791');
  await openSmsSettings(page);
  await registerEverything(page);
  const number = /\+1\d{10}/.exec((await page.getByRole('status').filter({ hasText: 'Your texting number is' }).textContent()) ?? '')?.[0] ?? '';
  expect(number).toMatch(/^\+1512/);
  await openAllHours(page, { messagesPerSecond: 30 });
  // Two people share Ana's phone: the conversation shows them together.
  for (const firstName of ['Ana', 'Ben']) {
    await callMain(page, 'contacts.save', { id: null, contact: { kind: 'guardian', firstName, lastName: 'Lopez', familyName: 'Lopez', phones: [ANA] } });
  }

  // A mass send to twelve families who opted in.
  for (const family of FAMILIES) await callMain(page, 'consent.optIn', { phone: family });
  await callMain(page, 'sends.create', { recipients: FAMILIES, body: 'Practice moves to 5 PM tonight', timing: { kind: 'now' } });
  await expect
    .poll(async () => (await callMain<BatchSummary[]>(page, 'sends.list', { limit: 20 })).filter((b) => b.kind === 'mass').map((b) => b.counts.queued + b.counts.claimed), { timeout: 60_000 })
    .toEqual([0]);

  // Notifications are asked for from a button, never on load.
  await messengerLink(page).click();
  await page.getByRole('button', { name: 'Show notifications for new replies' }).click();
  await expect(page.getByText('Notifications on')).toBeVisible();
  expect(await notifications(page)).toEqual([]);

  // Families reply while the desk is on Compose: the badge, the title and a notice say so.
  await page.getByRole('link', { name: 'Compose' }).click();
  await reply(sim, number, ANA, 'Thanks! Is the pool open after practice too?');
  await reply(sim, number, SAM, 'See you there');
  await checkForReplies(page);
  await expect(messengerLink(page)).toContainText('2 unread');
  await expect(page).toHaveTitle('(2) SMS Desk');
  // The desk is unlocked: the notice may show the latest words, and names the contacts.
  await expect.poll(async () => (await notifications(page)).map((n) => n.title)).toEqual(['2 new replies']);
  const [notice] = await notifications(page);
  expect(notice?.body).toMatch(/^From .*Ana Lopez & Ben Lopez.*\. Latest: (See you there|Thanks! Is the pool open after practice too\?)$/);

  // Opening a conversation reads it: the badge and the title count down.
  await messengerLink(page).click();
  await expect(conversations(page).getByRole('listitem')).toHaveCount(2);
  await conversations(page).getByRole('button', { name: /Ana Lopez & Ben Lopez/ }).click();
  const messages = page.getByRole('list', { name: 'Messages' });
  await expect(messages).toContainText('Is the pool open after practice too?');
  await expect(messengerLink(page)).toContainText('1 unread');
  await expect(page).toHaveTitle('(1) SMS Desk');

  // Assign it to the clerk.
  await expect(page.getByText('Given to nobody')).toBeVisible();
  await page.getByRole('button', { name: 'Change' }).click();
  await page.getByLabel('Give this conversation to').selectOption({ label: 'Casey Clerk' });
  await expect(page.getByText('Given to Casey Clerk')).toBeVisible();

  // Reply, with Compose's counters and the credits it costs.
  await page.getByLabel('Reply', { exact: true }).fill('Yes, the pool is open until 8');
  await expect(page.getByText(/1 part · /).first()).toBeVisible();
  await expect(page.getByText(/^1 credit · [\d,]+ left after/)).toBeVisible();
  await page.getByRole('button', { name: 'Send reply' }).click();
  await expect(messages).toContainText('Yes, the pool is open until 8');
  await expect(page.getByText(/^Handled by Dana Owner, Today/)).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'messenger-thread-1280');

  // Search finds words in replies and in texts sent, by the start of a word, with the hits marked.
  await page.getByLabel('Search').fill('poo');
  await expect(page.getByText('2 messages found')).toBeVisible();
  const found = page.getByRole('list', { name: 'Messages found' });
  await expect(found.locator('mark').first()).toHaveText(/^pool$/i);
  await page.getByLabel('Search').fill('');

  // The other conversation: mark it handled, and it shows under Handled, not under Needs reply.
  await conversations(page).getByRole('button', { name: /\(512\) 555-0101/ }).click();
  await expect(messages).toContainText('See you there');
  await page.getByRole('button', { name: 'Mark handled' }).click();
  await expect(page.getByRole('button', { name: 'Reopen' })).toBeVisible();
  await page.getByRole('button', { name: 'Needs reply' }).click();
  await expect(page.getByText('No conversations here right now.')).toBeVisible();
  await page.getByRole('button', { name: 'Handled', exact: true }).click();
  await expect(conversations(page).getByRole('listitem')).toHaveCount(2);
  await page.getByRole('button', { name: 'All', exact: true }).click();

  // STOP opts the number out at once: the reply box gives way to the reason.
  await reply(sim, number, SAM, 'STOP');
  await checkForReplies(page);
  await expect(messages).toContainText('Opted out with this reply');
  await expect(page.getByText('This number opted out.')).toBeVisible();
  await expect(page.getByLabel('Reply', { exact: true })).toHaveCount(0);

  // Long previews never push the time or the status out of their row, at 1280 and at 1024 px.
  await reply(sim, number, LEE, `Hello! ${'We will be a little late because of traffic on the highway, so sorry about that, '.repeat(4)}`);
  await checkForReplies(page);
  await expect(conversations(page).getByRole('listitem')).toHaveCount(3);
  await expectRowsWhole(conversations(page).getByRole('listitem'));
  await screenshot(page, 'messenger-rows-1280');
  await page.setViewportSize({ width: 1024, height: 800 });
  await expectRowsWhole(conversations(page).getByRole('listitem'));
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1024);
  await screenshot(page, 'messenger-rows-1024');

  // A locked desk still hears of a reply, by who sent it, never by what it says. (Notices come at
  // most every few seconds: the long reply's may still be on its way, alone or summed up with the
  // STOP before it, as "2 new replies" from both numbers.)
  await expect
    .poll(async () => {
      const last = (await notifications(page)).at(-1);
      return last === undefined ? '' : `${last.title} ${last.body}`;
    })
    .toContain('(512) 555-0102');
  const noticesBefore = (await notifications(page)).length;
  await page.getByRole('button', { name: 'Lock' }).click();
  await expect(page.getByRole('heading', { name: 'SMS Desk is locked' })).toBeVisible();
  await reply(sim, number, ANA, 'The gate code is 4321');
  // Nobody may ask for a check from a locked desk: the reply thread finds it on its own.
  await expect.poll(async () => (await notifications(page)).length, { timeout: 60_000 }).toBe(noticesBefore + 1);
  expect((await notifications(page)).at(-1)).toEqual({ title: 'New reply from Ana Lopez & Ben Lopez', body: 'Unlock SMS Desk to read it.' });
  await expect(page).toHaveTitle(/^\(\d+\) SMS Desk$/);
  expect(await page.locator('body').textContent()).not.toContain('4321');
});
