import { _electron as electron, expect, test } from '@playwright/test';
import { existsSync, mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFirstAdmin, signIn, signOut } from './flows';

// The Electron binary is downloaded lazily on first use; machines without internet have none.
function electronBinary(): string | null {
  try {
    // The electron package's main export is the path of its binary.
    const path = createRequire(__filename)('electron') as string;
    return existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();

test('desktop app: first run, sign out, sign in', async () => {
  test.skip(!binary, 'Electron binary is not installed on this machine (no internet to fetch it); browser mode covers these flows.');
  const app = await electron.launch({
    executablePath: binary!,
    args: ['out/main/index.js', `--user-data-dir=${mkdtempSync(join(tmpdir(), 'sms-desk-electron-'))}`],
  });
  const page = await app.firstWindow();
  await createFirstAdmin(page, 'Dana Owner', '482913');
  await signOut(page);
  await signIn(page, 'Dana Owner', '482913');
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await app.close();
});
