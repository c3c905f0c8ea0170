import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// Electron's binary is not here, so the script runs on a stand-in: filler bytes around the same fuse
// wire Electron ships (sentinel, version 1, nine fuses as ASCII '0'/'1').
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSES = [
  'RunAsNode', 'EnableCookieEncryption', 'EnableNodeOptionsEnvironmentVariable', 'EnableNodeCliInspectArguments',
  'EnableEmbeddedAsarIntegrityValidation', 'OnlyLoadAppFromAsar', 'LoadBrowserProcessSpecificV8Snapshot',
  'GrantFileProtocolExtraPrivileges', 'WasmTrapHandlers',
] as const;
/** What an Electron build ships with: a generic Node runtime that loads code from anywhere. */
const ELECTRON_DEFAULTS = '101100011';

const dir = mkdtempSync(join(tmpdir(), 'sms-desk-fuses-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function standInBinary(): { file: string; before: Buffer } {
  const before = Buffer.concat([
    Buffer.alloc(4096, 0x90),
    Buffer.from(SENTINEL),
    Buffer.from([1, FUSES.length]),
    Buffer.from(ELECTRON_DEFAULTS),
    Buffer.alloc(4096, 0xcc),
  ]);
  const file = join(dir, 'sms-desk');
  writeFileSync(file, before);
  return { file, before };
}

function fusesIn(binary: Buffer): Record<(typeof FUSES)[number], boolean> {
  const at = binary.indexOf(SENTINEL) + SENTINEL.length + 2;
  return Object.fromEntries(FUSES.map((name, i) => [name, binary[at + i] === '1'.charCodeAt(0)])) as Record<(typeof FUSES)[number], boolean>;
}

describe('scripts/flip-fuses.mjs', () => {
  it('turns a packaged binary\'s Node and debugging doors off and its asar checks on, touching nothing else', () => {
    const { file, before } = standInBinary();
    execFileSync(process.execPath, [resolve(__dirname, '../../../scripts/flip-fuses.mjs'), file], { stdio: 'pipe' });
    const after = readFileSync(file);
    expect(fusesIn(after)).toEqual({
      RunAsNode: false,
      EnableCookieEncryption: true,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      // Left as Electron ships them.
      LoadBrowserProcessSpecificV8Snapshot: false,
      GrantFileProtocolExtraPrivileges: false,
      WasmTrapHandlers: true,
    });
    const wireAt = before.indexOf(SENTINEL) + SENTINEL.length + 2;
    expect(after.subarray(0, wireAt)).toEqual(before.subarray(0, wireAt));
    expect(after.subarray(wireAt + FUSES.length)).toEqual(before.subarray(wireAt + FUSES.length));
  });

  it('refuses to run without a binary', () => {
    expect(() => execFileSync(process.execPath, [resolve(__dirname, '../../../scripts/flip-fuses.mjs')], { stdio: 'pipe' })).toThrow(/usage/);
  });
});
