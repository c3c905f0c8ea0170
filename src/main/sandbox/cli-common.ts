import type { ControlAccess } from './control-access.ts';

/** `--control-token SECRET` (16+ characters) or `--open-control`, never both; neither keeps /__sim/ closed. */
export function controlAccessFrom(token: string | undefined, open: boolean): ControlAccess {
  if (token !== undefined && (open || token.length < 16)) {
    throw new Error('--control-token needs at least 16 characters and cannot go with --open-control');
  }
  return token !== undefined ? { token } : open ? 'open' : 'closed';
}

/** Prints the base URL as the one line of output, then serves until SIGINT/SIGTERM, which stop (and so flush) it. */
export function serveUntilSignalled(handle: { baseUrl: string; stop(): Promise<void> }): void {
  process.stdout.write(`${handle.baseUrl}\n`);
  const shutdown = (): void => {
    void handle.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

/** Runs a simulator's command line; a bad argument or failed start prints its message and exits with 2. */
export function runCli(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  });
}
