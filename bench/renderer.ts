/**
 * `npm run bench:renderer`: how much the desk's first screen costs to load, from the built
 * renderer (out/renderer, built by the npm script first).
 *
 * - **Size**: the gzip size of what index.html loads before anything is drawn (its module
 *   script, module preloads and stylesheet), and of each script fetched later, on demand.
 * - **What Compose needed**, in Debian Chromium (playwright-core) against the real browser mode
 *   (`out/main/web.js`, a fresh data folder): after the first admin is made, the scripts fetched
 *   until Compose is on screen, then those fetched when Settings is opened (not among the first).
 * - **First contentful paint and Compose on screen**: RUNS reloads of the signed-in desk with the
 *   HTTP cache off, ms from navigation start, min/median/max, with the load average at each.
 *
 * Prints progress, then ONE line of JSON, last. Exits 0 when a target is missed (pass: false).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium, type Page } from 'playwright-core';
import { rendererSizes, type AssetSize } from './renderer-files';

const ROOT = resolve(import.meta.dirname, '..');
/** BENCH_OUT_DIR: a build elsewhere than out/ (electron-vite build --outDir DIR). */
const OUT_DIR = resolve(process.env.BENCH_OUT_DIR ?? join(ROOT, 'out'));
const RENDERER_DIR = join(OUT_DIR, 'renderer');
const TARGETS = { firstScreenGzipBytes: 200 * 1024 };
const RUNS = 5;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const log = (line: string): void => void process.stdout.write(`${line}\n`);
const kb = (bytes: number): number => Math.round(bytes / 102.4) / 10;
const sum = (sizes: AssetSize[], key: 'bytes' | 'gzipBytes'): number => sizes.reduce((total, size) => total + size[key], 0);

async function startWebMode(dataDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [join(OUT_DIR, 'main/web.js'), '--data-dir', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise<string>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error('browser mode did not start within 30 s')), 30_000);
    createInterface({ input: child.stdout! }).once('line', (text) => {
      clearTimeout(timer);
      ok(text);
    });
    child.once('exit', (code) => fail(new Error(`browser mode exited with ${code}`)));
  });
  const url = /(http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(line)?.[1];
  if (!url) throw new Error(`unexpected start-up line: ${line}`);
  return { url, child };
}

/** The page's first contentful paint, in ms from navigation start (waits for it to happen). */
async function firstContentfulPaint(page: Page): Promise<number> {
  const paint = await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime, undefined, { polling: 20 });
  return (await paint.jsonValue()) as number;
}

/** When Compose's heading is on screen, in ms from navigation start. */
async function composeShown(page: Page): Promise<number> {
  const shown = await page.waitForFunction("document.querySelector('main h1')?.textContent === 'Compose' && performance.now()", undefined, { polling: 20 });
  return (await shown.jsonValue()) as number;
}

const fetchedScripts = (page: Page): Promise<string[]> =>
  page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => new URL(entry.name).pathname.replace(/^\//, ''))
      .filter((path) => path.endsWith('.js')),
  );

function stats(values: number[]): { min: number; median: number; max: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 10) / 10;
  return { min: round(sorted[0] ?? NaN), median: round(sorted[Math.floor(sorted.length / 2)] ?? NaN), max: round(sorted.at(-1) ?? NaN) };
}

async function main(): Promise<void> {
  const sizes = rendererSizes(RENDERER_DIR);
  const firstGzip = sum(sizes.first, 'gzipBytes');
  log(`first screen: ${sizes.first.map((s) => `${s.file} ${kb(s.gzipBytes)} KB`).join(', ')} = ${kb(firstGzip)} KB gzip (${kb(sum(sizes.first, 'bytes'))} KB raw)`);
  log(`on demand: ${sizes.onDemand.map((s) => `${s.file} ${kb(s.gzipBytes)} KB`).join(', ')}`);

  const dataDir = mkdtempSync(join(tmpdir(), 'sms-desk-bench-renderer-'));
  const { url, child } = await startWebMode(dataDir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(url);
    await page.getByLabel('Your name').fill('Bench Admin');
    await page.getByLabel('PIN or password', { exact: true }).fill('bench-secret-1');
    await page.getByLabel('Confirm PIN or password').fill('bench-secret-1');
    await page.getByRole('button', { name: 'Create admin' }).click();
    await page.getByRole('heading', { name: 'Compose', level: 1 }).waitFor();
    const forCompose = await fetchedScripts(page);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('button', { name: 'Add staff member' }).waitFor();
    const forSettings = (await fetchedScripts(page)).filter((file) => !forCompose.includes(file));
    log(`scripts until Compose showed: ${forCompose.join(', ')}`);
    log(`fetched when Settings opened: ${forSettings.join(', ') || 'none'}`);

    // Each run reloads the signed-in desk with the HTTP cache off, as a desk opened afresh.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const runs: { fcpMs: number; composeMs: number; load1: number }[] = [];
    for (let run = 1; run <= RUNS; run += 1) {
      const load1 = loadavg()[0] ?? NaN;
      await page.reload();
      const fcpMs = await firstContentfulPaint(page);
      const composeMs = await composeShown(page);
      runs.push({ fcpMs, composeMs, load1 });
      log(`run ${run}: first contentful paint ${Math.round(fcpMs)} ms, Compose on screen ${Math.round(composeMs)} ms (load average ${load1.toFixed(2)})`);
    }

    const pass = {
      firstScreenGzip: firstGzip <= TARGETS.firstScreenGzipBytes,
      settingsOnDemand: forSettings.length > 0 && !forCompose.some((file) => /settings/.test(file)),
    };
    const summary = {
      nproc: availableParallelism(),
      loadAverage1mAtEachRun: runs.map((run) => Math.round(run.load1 * 100) / 100),
      firstScreen: { files: sizes.first, gzipBytes: firstGzip, gzipKB: kb(firstGzip), targetKB: kb(TARGETS.firstScreenGzipBytes) },
      onDemand: sizes.onDemand,
      firstContentfulPaintMs: stats(runs.map((run) => run.fcpMs)),
      composeOnScreenMs: stats(runs.map((run) => run.composeMs)),
      scriptsUntilCompose: forCompose,
      scriptsWhenSettingsOpened: forSettings,
      pass: { ...pass, all: Object.values(pass).every(Boolean) },
    };
    log(JSON.stringify(summary));
  } finally {
    await browser.close();
    child.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
