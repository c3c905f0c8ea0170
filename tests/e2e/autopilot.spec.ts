import { test as base } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, expectAccessible, screenshot, startWebApp, type WebApp } from './fixtures';
import { createFirstAdmin } from './flows';
import { callMain } from './main-calls';
import { openSmsSettings, registerEverything } from './registration-flows';

// A short brand review, and the test clock on: the test moves the desk's time forward.
const test = base.extend<{ app: WebApp }>({
  // eslint-disable-next-line no-empty-pattern
  app: async ({}, use) => {
    const app = await startWebApp([], { SMS_DESK_SANDBOX_BRAND_REVIEW_MS: '1500', SMS_DESK_TEST_CLOCK: '1' });
    await use(app);
    app.process.kill('SIGTERM');
  },
});

const ANA = '+15125550131';
const LI = '+15125550133';
const MINUTE = 60_000;

/** Moves the desk's clock forward, from the test's own process (a page may not); answers the desk's new time. */
async function advanceClock(app: WebApp, advanceMs: number): Promise<number> {
  const token = new URL(app.url).searchParams.get('token') ?? '';
  const response = await fetch(`${app.origin}/api/test/clock`, { method: 'POST', headers: { 'x-sms-desk-token': token, 'content-type': 'application/json' }, body: JSON.stringify({ advanceMs }) });
  expect(response.status).toBe(200);
  return ((await response.json()) as { now: number }).now;
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

/** HH:MM on the business's clock at `at`. */
const localTime = (timeZone: string, at: number) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at);

test('a weekly workflow fires when its time comes: the texts reach the carrier and the run log says so', async ({ page, app }) => {
  test.setTimeout(240_000);
  await page.goto(app.url);
  await createFirstAdmin(page, 'Dana Owner', '482913');
  await openSmsSettings(page);
  await registerEverything(page);
  // Texts may go out at any hour: the test must not depend on the time it runs.
  const options = await callMain<Record<string, unknown> & { availableHours: { timeZone: string } }>(page, 'messageOptions.get');
  const schedule = Array.from({ length: 7 }, () => [{ start: '00:00', end: '24:00' }]);
  await callMain(page, 'messageOptions.update', { ...options, header: 'Sunny Swim:', messagesPerSecond: 10, availableHours: { ...options.availableHours, schedule } });
  const { id: classId } = await callMain<{ id: number }>(page, 'contacts.saveClass', { id: null, name: 'Level 2', schedule: [{ weekday: 'tue', start: '16:00', end: '16:45' }] });
  for (const [first, last, phone, child] of [['Ana', 'Rivera', ANA, 'Mia'], ['Li', 'Chen', LI, 'Max']] as const) {
    const { id } = await callMain<{ id: number }>(page, 'contacts.save', { id: null, contact: { kind: 'guardian', firstName: first, lastName: last, familyName: last, phones: [phone] } });
    const { familyId } = await callMain<{ familyId: number }>(page, 'contacts.get', { id });
    await callMain(page, 'contacts.save', { id: null, contact: { kind: 'student', firstName: child, lastName: last, familyId, classIds: [classId] } });
  }
  await callMain(page, 'consent.optIn', { phone: ANA });
  await callMain(page, 'consent.optOut', { phone: LI });

  // Due a few minutes from now, every day, so the test runs any day of the week.
  const due = Math.floor((Date.now() + 3 * MINUTE) / MINUTE) * MINUTE;
  const at = localTime(options.availableHours.timeZone, due);

  await page.getByRole('link', { name: 'Autopilot' }).click();
  await page.getByRole('button', { name: 'New workflow' }).click();
  const form = page.getByRole('form', { name: 'New workflow' });
  await form.getByLabel('Name').fill('Pool day check-in');
  for (const day of ['Sun', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']) await form.getByRole('checkbox', { name: day, exact: true }).check();
  await form.getByLabel('At', { exact: true }).fill(at);
  await form.getByRole('checkbox', { name: /Level 2/ }).check();
  await form.getByLabel('Message', { exact: true }).fill('Hi {first_name}, see you at the pool today!');
  const nextRuns = form.getByRole('region', { name: 'Next runs' });
  await expect(nextRuns.getByRole('row')).toHaveCount(11);
  await expect(nextRuns.getByRole('row').nth(1)).toContainText(at);
  await expect(nextRuns.getByRole('row').nth(1)).toContainText('Right away');
  await screenshot(page, 'autopilot-editor');
  await expectAccessible(page);
  await form.getByRole('button', { name: 'Save workflow' }).click();

  const row = page.getByRole('table', { name: 'Workflows' }).getByRole('row', { name: /Pool day check-in/ });
  await expect(row).toContainText('Every day at');
  await expect(row).toContainText(at);
  await expect(row).toContainText('Dana Owner');
  expect(carrierTexts(app).filter((t) => t.body.includes('see you at the pool'))).toEqual([]);

  // The desk's clock reaches the run's time; Autopilot fires it from main, with no one touching the screen.
  const deskNow = await advanceClock(app, due - Date.now() + 15_000);
  await expect.poll(() => carrierTexts(app).filter((t) => t.body.includes('see you at the pool')).length, { timeout: 90_000 }).toBe(1);
  expect(carrierTexts(app).filter((t) => t.body.includes('see you at the pool'))).toEqual([{ to: ANA, body: 'Sunny Swim:\nHi Ana, see you at the pool today!\nReply STOP to opt out.' }]);

  await row.getByRole('button', { name: 'Run log' }).click();
  const log = page.getByRole('table', { name: 'Run log' });
  await expect(log.getByRole('row').nth(1)).toContainText('Sent');
  await expect(log.getByRole('row').nth(1)).toContainText(at);
  await screenshot(page, 'autopilot');
  await expectAccessible(page);

  // The credits run out: the next run pauses its workflow, and the admin is offered a way to buy.
  const { available } = await callMain<{ available: number }>(page, 'credits.balance');
  await callMain(page, 'credits.adjust', { credits: -available, reason: 'Testing what happens with no credits' });
  const onceAt = Math.floor((deskNow + 2 * MINUTE) / MINUTE) * MINUTE;
  const localDate = new Intl.DateTimeFormat('en-CA', { timeZone: options.availableHours.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(onceAt);
  await callMain(page, 'autopilot.save', {
    id: null, name: 'Pool closed notice', trigger: { kind: 'once', at: `${localDate}T${localTime(options.availableHours.timeZone, onceAt)}` },
    audience: { selection: { classes: [classId] } }, body: 'The pool is closed today.', enabled: true,
  });
  await advanceClock(app, onceAt - deskNow + 15_000);
  const paused = page.getByRole('table', { name: 'Workflows' }).getByRole('row', { name: /Pool closed notice/ });
  await expect(paused).toContainText('Paused: not enough credits.', { timeout: 60_000 });
  await expect(paused.getByRole('link', { name: 'Buy credits or turn on Auto Renew Credits' })).toBeVisible();
  await screenshot(page, 'autopilot-paused');
  expect(carrierTexts(app).filter((t) => t.body.includes('pool is closed'))).toEqual([]);
});
