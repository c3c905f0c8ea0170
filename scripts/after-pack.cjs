'use strict';
/**
 * electron-builder's afterPack hook (electron-builder.yml): the app is packed but not yet signed,
 * so the fuses are flipped here and the signature made afterwards covers them.
 */
const { join } = require('node:path');

/** Where electron-builder put the Electron binary it just packed, for each platform. */
function packedBinary(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') return join(appOutDir, `${packager.appInfo.productFilename}.app`);
  if (electronPlatformName === 'win32') return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
  return join(appOutDir, packager.executableName);
}

async function afterPack(context) {
  const { flipSmsDeskFuses } = await import('./flip-fuses.mjs');
  const binary = packedBinary(context);
  await flipSmsDeskFuses(binary, context.electronPlatformName);
  console.log(`Fuses set on ${binary}`);
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.packedBinary = packedBinary;
