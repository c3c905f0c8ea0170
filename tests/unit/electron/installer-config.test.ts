import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, describe, expect, it } from 'vitest';
import afterPack from '../../../scripts/after-pack.cjs';

const ROOT = resolve(__dirname, '../../..');
// electron-builder's own schema for its configuration, and the YAML reader it uses. Compiling the
// large schema takes seconds on a busy machine, so it happens while the file loads, not in a test.
const load = createRequire(__filename);
const yaml = load('js-yaml') as { load(text: string): unknown };
const validate = new Ajv({ allErrors: true, strict: false }).compile(load('app-builder-lib/scheme.json') as object);
const dir = mkdtempSync(join(tmpdir(), 'sms-desk-afterpack-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The fuse wire Electron ships (as in flip-fuses.test.ts): sentinel, version 1, nine fuses.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const context = (platform: string) => ({
  appOutDir: dir,
  electronPlatformName: platform,
  packager: { appInfo: { productFilename: 'SMS Desk' }, executableName: 'sms-desk' },
});

describe('electron-builder configuration', () => {
  it('names the installers, asar with integrity, the fuse hook, the mac hardened runtime and no update feed', async () => {
    const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<string, Record<string, unknown> | undefined>;
    expect(validate(config) ? [] : validate.errors).toEqual([]);
    const targets = (list: unknown) => (list as ({ target: string } | string)[]).map((t) => (typeof t === 'string' ? t : t.target));
    expect(targets(config.win?.target)).toEqual(['nsis']);
    expect(targets(config.mac?.target)).toEqual(['dmg']);
    expect(targets(config.linux?.target)).toEqual(['AppImage', 'deb']);
    expect(config).toMatchObject({ asar: true, disableAsarIntegrity: false, afterPack: 'scripts/after-pack.cjs', publish: null });
    expect(config.mac).toMatchObject({ hardenedRuntime: true, entitlements: 'build/entitlements.mac.plist' });
    expect(readFileSync(join(ROOT, 'build/entitlements.mac.plist'), 'utf8')).toContain('com.apple.security.cs.allow-jit');
  });

  it('flips the fuses on the binary electron-builder just packed, where each platform puts it', async () => {
    expect(afterPack.packedBinary(context('win32'))).toBe(join(dir, 'SMS Desk.exe'));
    expect(afterPack.packedBinary(context('darwin'))).toBe(join(dir, 'SMS Desk.app'));
    expect(afterPack.packedBinary(context('linux'))).toBe(join(dir, 'sms-desk'));
    const binary = join(dir, 'sms-desk');
    writeFileSync(binary, Buffer.concat([Buffer.alloc(512, 0x90), Buffer.from(SENTINEL), Buffer.from([1, 9]), Buffer.from('101100011'), Buffer.alloc(512, 0xcc)]));
    await afterPack(context('linux'));
    const after = readFileSync(binary);
    const at = after.indexOf(SENTINEL) + SENTINEL.length + 2;
    // RunAsNode off, cookie encryption on, NODE_OPTIONS and --inspect off, asar integrity and asar-only on.
    expect(after.subarray(at, at + 9).toString()).toBe('010011001');
  });
});
