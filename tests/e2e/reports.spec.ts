import { test as base } from '@playwright/test';
import type { Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
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

const FAMILIES = ['+15125550123', '+15125550188', '+15125550177'];

/** Texts handed to the carrier so far (what the report calls sent). */
const sentSoFar = (page: Page) =>
  page.evaluate(async () => {
    const result = await window.smsDesk!.call['sends.list']({ limit: 20 });
    if (!result.ok) return -1;
    return result.value.reduce((sum, b) => sum + b.counts.accepted + b.counts.sent + b.counts.delivered + b.counts.undelivered + b.counts.failed, 0);
  });

test('Reports: texts sent in Sandbox show in the chart’s table for today, and the table exports to CSV', async ({ page, app }) => {
  await page.goto(app.url);
  await createFirstAdmin(page, 'Dana Owner', '482913');
  await openSmsSettings(page);
  await registerEverything(page);
  await openAllHours(page);
  for (const phone of FAMILIES) {
    expect(await page.evaluate((p) => window.smsDesk!.call['consent.optIn']({ phone: p }), phone)).toMatchObject({ ok: true });
  }
  const queued = await page.evaluate((recipients) => window.smsDesk!.call['sends.create']({ recipients, body: 'Pool closed Monday', timing: { kind: 'now' } }), FAMILIES);
  expect(queued).toMatchObject({ ok: true });
  // Three signup texts and the mass text to three families.
  await expect.poll(() => sentSoFar(page), { timeout: 30_000 }).toBe(6);

  await page.getByRole('link', { name: 'Reports' }).click();
  await expect(page.getByRole('heading', { name: 'Reports', level: 1 })).toBeVisible();
  await expect(page.getByText(/Days start at midnight in the business’s time zone/)).toBeVisible();
  const texts = page.getByRole('region', { name: 'Texts sent, delivered and failed' });
  await expect(texts.getByText(/^6 texts sent/)).toBeVisible();
  await screenshot(page, 'reports-light');

  // Today only: one row, with the six texts.
  const today = await page.evaluate(() => new Date().toLocaleDateString('en-CA'));
  await page.getByLabel('From').fill(today);
  await texts.getByRole('button', { name: 'Show table' }).click();
  const rows = texts.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(2);
  await expect(rows.nth(1).getByRole('cell').nth(1)).toHaveText('6');

  const download = page.waitForEvent('download');
  await texts.getByRole('button', { name: 'Export CSV' }).click();
  const file = await (await download).path();
  const csv = readFileSync(file, 'utf8').trim().split('\r\n');
  expect(csv[0]).toBe('Day,Sent,Delivered,Failed,Delivery rate');
  expect(csv).toHaveLength(2);
  expect(csv[1]!.split(',')[1]).toBe('6');
  await expectAccessible(page);

  await page.getByRole('banner').getByLabel(/Theme/i).selectOption('dark');
  await texts.getByRole('button', { name: 'Show chart' }).click();
  await screenshot(page, 'reports-dark');

  await page.getByRole('button', { name: 'Audit log' }).click();
  await expect(page.getByText('Dana Owner changed the SMS hours and message options').first()).toBeVisible();
  await screenshot(page, 'audit-log');
});
