import { expect, expectAccessible, screenshot, test } from './fixtures';
import { createFirstAdmin } from './flows';

/** A registration export with a row of each kind of problem. */
const ROSTER = [
  'Student First Name,Student Last Name,Parent/Guardian,Phone 1,Birthday,Class',
  'Cy,Rivera,Ana Rivera,(512) 555-0142,5/3/2016,Level 2',
  'Di,Rivera,Ana Rivera,512-555-0142,42000,Level 2',
  'Ed,Lee,Bo Lee,555-01,1/1/2016,Level 2',
  ',,Nobody Here,(512) 555-0150,,',
  'Cy,Rivera,Ana Rivera,(512) 555-0142,5/3/2016,Level 2',
  'Fa,Moss,Gil Moss,(512) 555-0177,,Level 9',
].join('\r\n');

test('import a spreadsheet with errors, read the report, find a contact and open their page', async ({ page, app }) => {
  await page.goto(app.url);
  await createFirstAdmin(page, 'Dana Owner', '482913');
  await page.getByRole('link', { name: 'Contacts' }).click();

  await page.getByRole('tab', { name: 'Classes' }).click();
  await page.getByRole('button', { name: 'Add a class' }).click();
  await page.getByLabel('Class name').fill('Level 2');
  await page.getByRole('button', { name: 'Save class' }).click();
  await expect(page.getByRole('cell', { name: 'Level 2', exact: true })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'Tuesday 16:30–17:15' })).toBeVisible();

  await page.getByRole('tab', { name: 'Import' }).click();
  await page.getByLabel('CSV file').setInputFiles({ name: 'roster.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${ROSTER}\r\n`) });
  await expect(page.getByRole('heading', { name: 'Match the columns' })).toBeVisible();
  await expect(page.getByText('6 rows.')).toBeVisible();
  // Columns guessed from their names.
  await expect(page.getByLabel('Parent/Guardian')).toHaveValue('guardianName');
  await expect(page.getByLabel('Phone 1')).toHaveValue('phone1');
  await page.getByLabel('These people agreed to get texts from us').check();
  await page.getByLabel('Where did they agree?').fill('collected on our registration form');
  await expectAccessible(page);
  await screenshot(page, 'contacts-import-mapping');
  await page.getByRole('button', { name: 'Import 6 rows' }).click();

  await expect(page.getByRole('status').filter({ hasText: 'added' })).toHaveText('3 added, 0 merged into people already here, 4 skipped; 1 number opted in.');
  const report = page.getByRole('table', { name: 'Rows skipped or merged' });
  await expect(report.getByRole('row', { name: /^4 Ed Lee Skipped: Invalid number/ })).toBeVisible();
  await expect(report.getByRole('row', { name: /^5 .* Skipped: Missing name/ })).toBeVisible();
  await expect(report.getByRole('row', { name: /^6 Cy Rivera Skipped: Duplicate/ })).toBeVisible();
  await expect(report.getByRole('row', { name: /^7 Fa Moss Skipped: Unknown class No class with this name: Level 9/ })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'contacts-import-report');

  // The class now lists its two students.
  await page.getByRole('tab', { name: 'Classes and tags' }).click();
  await page.getByRole('button', { name: '2 students' }).click();
  await expect(page.getByRole('button', { name: 'Cy Rivera' })).toBeVisible();
  await screenshot(page, 'contacts-classes');

  await page.getByRole('tab', { name: 'People' }).click();
  await expect(page.getByText('3 contacts')).toBeVisible();
  await page.getByLabel('Find someone').fill('ana');
  await expect(page.getByText('1 contact', { exact: true })).toBeVisible();
  await screenshot(page, 'contacts-list');
  await page.getByRole('button', { name: 'Ana Rivera' }).click();

  await expect(page.getByRole('heading', { name: /Ana Rivera/ })).toBeVisible();
  const phone = page.getByRole('article', { name: 'Phone (512) 555-0142' });
  await expect(phone.getByText('Opted in', { exact: true })).toBeVisible();
  await expect(phone.getByRole('list', { name: 'Consent history' })).toContainText('Opted in from an import by Dana Owner (collected on our registration form)');
  await expect(page.getByRole('button', { name: 'Cy Rivera' })).toBeVisible();
  await expectAccessible(page);
  await screenshot(page, 'contacts-page');

  // The link goes to this number's conversation in the Messenger Center.
  await phone.getByRole('button', { name: 'Open the conversation in Messenger Center' }).click();
  await expect(page.getByRole('link', { name: 'Messenger Center' })).toHaveAttribute('aria-current', 'page');
});

test('add a contact by hand, merge a duplicate into it, and archive it', async ({ page, app }) => {
  await page.goto(app.url);
  await createFirstAdmin(page, 'Dana Owner', '482913');
  await page.getByRole('link', { name: 'Contacts' }).click();

  for (const phone of ['(512) 555-0142', '512 555 0199']) {
    await page.getByRole('button', { name: 'Add a contact' }).click();
    await page.getByLabel('First name').fill('Ana');
    await page.getByLabel('Last name').fill('Rivera');
    await page.getByLabel('Phone 1').fill(phone);
    await page.getByLabel('Tags').fill('Carpool');
    if (phone.startsWith('(')) await screenshot(page, 'contacts-add');
    await page.getByRole('button', { name: 'Add contact' }).click();
    await expect(page.getByRole('heading', { name: /Ana Rivera/ })).toBeVisible();
    await page.getByRole('button', { name: '← All contacts' }).click();
  }
  await expect(page.getByText('2 contacts')).toBeVisible();

  await page.getByRole('button', { name: 'Ana Rivera' }).first().click();
  await page.getByRole('button', { name: 'Merge a duplicate…' }).click();
  await page.getByRole('radio', { name: /Ana Rivera/ }).check();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Merge', exact: true }).click();
  // Both numbers are now on the one contact; the duplicate is archived.
  await expect(page.getByRole('article', { name: 'Phone (512) 555-0142' })).toBeVisible();
  await expect(page.getByRole('article', { name: 'Phone (512) 555-0199' })).toBeVisible();
  await screenshot(page, 'contacts-merged');

  // Opting a number in shows the family SMS policy first.
  await page.getByRole('article', { name: 'Phone (512) 555-0199' }).getByRole('button', { name: 'Opt in…' }).click();
  await expect(page.getByText('What the family agrees to (our SMS policy)')).toBeVisible();
  await page.getByRole('button', { name: 'They agreed: opt in' }).click();
  await expect(page.getByRole('article', { name: 'Phone (512) 555-0199' }).getByText('Opted in', { exact: true })).toBeVisible();

  await page.getByRole('button', { name: 'Archive' }).click();
  await expect(page.getByText(/This contact is archived/)).toBeVisible();
  await page.getByRole('button', { name: '← All contacts' }).click();
  await expect(page.getByText('No contacts yet. Add one, or import a spreadsheet.')).toBeVisible();
  await page.getByLabel('Show archived instead').check();
  await expect(page.getByText('2 contacts')).toBeVisible();
});

test('20,000 contacts: imported from one file, then scrolled to the last one, a page at a time', async ({ page, app }) => {
  test.setTimeout(240_000);
  await page.goto(app.url);
  await createFirstAdmin(page, 'Dana Owner', '482913');
  await page.getByRole('link', { name: 'Contacts' }).click();
  const lines = ['First name,Last name,Phone'];
  for (let i = 0; i < 20_000; i++) lines.push(`Pat${String(i).padStart(5, '0')},Zed,+1212${String(2000000 + i)}`);
  await page.getByRole('tab', { name: 'Import' }).click();
  await page.getByLabel('CSV file').setInputFiles({ name: 'everyone.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.join('\n')) });
  await page.getByRole('button', { name: 'Import 20,000 rows' }).click({ timeout: 60_000 });
  await expect(page.getByText('20,000 added')).toBeVisible({ timeout: 180_000 });

  await page.getByRole('tab', { name: 'People' }).click();
  await expect(page.getByText('20,000 contacts')).toBeVisible();
  const table = page.getByRole('table', { name: 'Contacts' });
  await expect(table).toHaveAttribute('aria-rowcount', '20001');
  // Only what is in view is drawn.
  expect(await table.getByRole('row').count()).toBeLessThan(60);
  // Scroll to the end the way a person drags the bar: each stop asks main for the next pages it needs.
  for (let stop = 1; stop <= 20; stop++) {
    await table.evaluate((el, fraction) => el.scrollTo({ top: el.scrollHeight * fraction }), stop / 20);
    await expect(table.getByRole('row').filter({ hasText: 'Loading…' })).toHaveCount(0, { timeout: 30_000 });
  }
  await expect(table.getByRole('button', { name: 'Pat19999 Zed' })).toBeVisible();
  await expect(table.getByRole('row', { name: /Pat19999 Zed/ })).toHaveAttribute('aria-rowindex', '20001');
  // The column headings stay in view at the end of the list.
  await expect(table.getByRole('columnheader', { name: 'Phone' })).toBeInViewport();
  await screenshot(page, 'contacts-list-end');
});
