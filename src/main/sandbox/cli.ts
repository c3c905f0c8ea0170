import { parseArgs } from 'node:util';
import { TwilioSimulator } from './simulator.ts';

/**
 * `npm run simulator -- --port PORT --account-sid SID --auth-token TOKEN [--mps N]
 *  [--max-concurrency N] [--state FILE]`
 * Prints one line, the base URL, then serves until killed. SIGINT/SIGTERM flush the state file.
 */
const usage = 'usage: simulator --port PORT --account-sid AC… --auth-token TOKEN [--mps N] [--max-concurrency N] [--state FILE]';

function positive(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'account-sid': { type: 'string' },
      'auth-token': { type: 'string' },
      mps: { type: 'string' },
      'max-concurrency': { type: 'string' },
      state: { type: 'string' },
    },
    strict: true,
  });
  const accountSid = values['account-sid'];
  const authToken = values['auth-token'];
  const port = Number(values.port);
  if (accountSid === undefined || authToken === undefined || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(usage);
  }
  const mps = positive('mps', values.mps);
  const maxConcurrency = positive('max-concurrency', values['max-concurrency']);
  const simulator = new TwilioSimulator();
  const handle = await simulator.start({
    port, accountSid, authToken,
    ...(mps === undefined ? {} : { mps }),
    ...(maxConcurrency === undefined ? {} : { maxConcurrency: Math.floor(maxConcurrency) }),
    ...(values.state === undefined ? {} : { stateFile: values.state }),
  });
  process.stdout.write(`${handle.baseUrl}\n`);
  const shutdown = (): void => {
    void handle.stop().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
