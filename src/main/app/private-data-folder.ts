import { chmodSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The data folder and everything SMS Desk keeps in it are for the account that runs it only. */
export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/**
 * Creates the data folder readable by its owner only, and tightens one an older version left
 * open (0755, files 0644): another account on the computer could otherwise copy the database and
 * guess PINs against its hashes offline. Files in subfolders are covered by the folder's mode.
 */
export function preparePrivateDataFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  chmodSync(dir, PRIVATE_FOLDER_MODE);
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isFile()) chmodSync(join(dir, entry.name), PRIVATE_FILE_MODE);
  }
}
