import { test as base, expect, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

export interface WebApp {
  url: string;
  origin: string;
  dataDir: string;
  process: ChildProcess;
}

/** Starts the real browser-mode host on a fresh data dir and a free port. */
export async function startWebApp(extraArgs: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<WebApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'sms-desk-e2e-'));
  const child = spawn(process.execPath, [resolve('out/main/web.js'), '--data-dir', dataDir, '--port', '0', ...extraArgs], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolveLine, reject) => {
    const timer = setTimeout(() => reject(new Error('browser mode did not start within 20 s')), 20_000);
    createInterface({ input: child.stdout! }).once('line', (text) => {
      clearTimeout(timer);
      resolveLine(text);
    });
    child.once('exit', (code) => reject(new Error(`browser mode exited with ${code}`)));
  });
  const url = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(line)?.[1];
  if (!url) throw new Error(`unexpected start-up line: ${line}`);
  return { url, origin: new URL(url).origin, dataDir, process: child };
}

export const test = base.extend<{ app: WebApp }>({
  // Playwright reads fixture dependencies from the destructuring pattern; this one has none.
  // eslint-disable-next-line no-empty-pattern
  app: async ({}, use) => {
    const app = await startWebApp();
    await use(app);
    app.process.kill('SIGTERM');
  },
});

export { expect };

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync('test-results/screens', { recursive: true });
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}

/** No serious or critical accessibility problems on the current screen. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const severe = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(severe.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
}
