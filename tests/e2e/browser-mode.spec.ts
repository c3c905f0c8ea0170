import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from './fixtures';
import { createFirstAdmin } from './flows';

test('the launch token leaves the address bar, reaches no other local server, and a reload stays signed in', async ({ page, app }) => {
  const token = new URL(app.url).searchParams.get('token')!;
  const socket = page.waitForEvent('websocket');
  await page.goto(app.url);
  // The event socket opens with the token as a subprotocol, and main's events arrive on it.
  const firstEvent = (await socket).waitForEvent('framereceived');
  await createFirstAdmin(page, 'Dana Owner', '482913');
  expect(String((await firstEvent).payload)).toContain('"event"');
  expect(page.url()).not.toContain(token);
  expect(await page.context().cookies()).toEqual([]);

  // F5: same tab, same session, still signed in.
  await page.reload();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

  // Another program's server on another 127.0.0.1 port learns nothing when the browser visits it.
  const seen: IncomingHttpHeaders[] = [];
  const other = createServer((req, res) => {
    seen.push(req.headers);
    res.end('another local program');
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  try {
    await page.goto(`http://127.0.0.1:${(other.address() as AddressInfo).port}/`);
    expect(seen.length).toBeGreaterThan(0);
    for (const headers of seen) expect(JSON.stringify(headers)).not.toContain(token);
  } finally {
    other.close();
  }

  // Back to the app in the same tab: still signed in.
  await page.goto(app.origin);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
});

test('a tab opened without the launch link is not let in', async ({ page, app }) => {
  await page.goto(app.origin);
  await expect(page.getByText('This page is not signed in to SMS Desk.')).toBeVisible();
});
