#!/usr/bin/env node
// Run as the last packaging step (nothing in this repository packages the app yet): flips
// Electron's fuses on a packaged SMS Desk binary so it cannot be repurposed as a generic Node
// runtime or made to load code from outside its signed asar.
// Usage: node scripts/flip-fuses.mjs path/to/SMS\ Desk(.exe|.app)
import { flipFuses, FuseVersion, FuseV1Options } from '@electron/fuses';

const target = process.argv[2];
if (!target) {
  console.error('usage: node scripts/flip-fuses.mjs <packaged electron binary>');
  process.exit(2);
}

await flipFuses(target, {
  version: FuseVersion.V1,
  resetAdHocDarwinSignature: process.platform === 'darwin',
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
});
console.log(`Fuses set on ${target}`);
