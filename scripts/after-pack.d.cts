// Types for scripts/after-pack.cjs, so its tests are type-checked.
export interface PackContext {
  appOutDir: string;
  electronPlatformName: string;
  packager: { appInfo: { productFilename: string }; executableName: string };
}
declare function afterPack(context: PackContext): Promise<void>;
declare namespace afterPack {
  export function packedBinary(context: PackContext): string;
}
export = afterPack;
