#!/usr/bin/env node
// Flips Electron's fuses on a packaged SMS Desk binary so it cannot be repurposed as a generic Node
// runtime or made to load code from outside its signed asar. electron-builder runs it after packing
// and before signing (scripts/after-pack.cjs); it also runs by hand on any packaged binary.
// Usage: node scripts/flip-fuses.mjs path/to/SMS\ Desk(.exe|.app)
import { pathToFileURL } from 'node:url';
import { flipFuses, FuseVersion, FuseV1Options } from '@electron/fuses';

/** Sets SMS Desk's fuses on one packaged binary (a .app folder on macOS). */
export async function flipSmsDeskFuses(target, platform = process.platform) {
  await flipFuses(target, {
    version: FuseVersion.V1,
    resetAdHocDarwinSignature: platform === 'darwin',
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const target = process.argv[2];
  if (!target) {
    console.error('usage: node scripts/flip-fuses.mjs <packaged electron binary>');
    process.exit(2);
  }
  await flipSmsDeskFuses(target);
  console.log(`Fuses set on ${target}`);
}
