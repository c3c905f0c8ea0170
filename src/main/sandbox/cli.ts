import { parseArgs } from 'node:util';
import { controlAccessFrom, runCli, serveUntilSignalled } from './cli-common.ts';
import { TwilioSimulator } from './simulator.ts';

/**
 * `npm run simulator -- --port PORT --account-sid SID --auth-token TOKEN [--mps N]
 *  [--max-concurrency N] [--state FILE] [--control-token SECRET | --open-control] [--isv] [--list-lag-ms N]`
 * `--isv` starts the account as an ISV parent with one approved Primary Customer Profile and
 * registration enforced (30034 without a verified campaign); without it the account is bare.
 * `--list-lag-ms` keeps new messages out of list answers for that long, as Twilio's log lags.
 * Prints one line, the base URL, then serves until killed. SIGINT/SIGTERM flush the state file.
 * The /__sim/ control API is off unless a secret is given or open mode is chosen (tests, benchmarks).
 */
const usage = 'usage: simulator --port PORT --account-sid AC… --auth-token TOKEN [--mps N] [--max-concurrency N] [--state FILE] [--control-token SECRET | --open-control] [--isv] [--list-lag-ms N]';

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
      'control-token': { type: 'string' },
      'open-control': { type: 'boolean', default: false },
      isv: { type: 'boolean', default: false },
      'list-lag-ms': { type: 'string' },
    },
    strict: true,
  });
  const accountSid = values['account-sid'];
  const authToken = values['auth-token'];
  const port = Number(values.port);
  const controlToken = values['control-token'];
  if (accountSid === undefined || authToken === undefined || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(usage);
  }
  const control = controlAccessFrom(controlToken, values['open-control']);
  const mps = positive('mps', values.mps);
  const maxConcurrency = positive('max-concurrency', values['max-concurrency']);
  const listLagMs = positive('list-lag-ms', values['list-lag-ms']);
  const simulator = new TwilioSimulator();
  const handle = await simulator.start({
    port, accountSid, authToken, control, isv: values.isv,
    ...(listLagMs === undefined ? {} : { settings: { listLagMs: Math.floor(listLagMs) } }),
    ...(mps === undefined ? {} : { mps }),
    ...(maxConcurrency === undefined ? {} : { maxConcurrency: Math.floor(maxConcurrency) }),
    ...(values.state === undefined ? {} : { stateFile: values.state }),
  });
  serveUntilSignalled(handle);
}

runCli(main);
