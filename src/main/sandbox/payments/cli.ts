import { parseArgs } from 'node:util';
import { controlAccessFrom, runCli, serveUntilSignalled } from '../cli-common.ts';
import { PaymentSimulator } from './simulator.ts';

/**
 * `npm run payments-simulator -- --port PORT --secret-key sk_test_… [--webhook-url URL
 *  --webhook-secret whsec_…] [--state FILE] [--control-token SECRET | --open-control]`
 * Prints one line, the base URL, then serves until killed; SIGINT/SIGTERM flush the state file.
 */
const usage = 'usage: payments-simulator --port PORT --secret-key sk_test_… [--webhook-url URL --webhook-secret whsec_…] [--state FILE] [--control-token SECRET | --open-control]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      'secret-key': { type: 'string' },
      'webhook-url': { type: 'string' },
      'webhook-secret': { type: 'string' },
      state: { type: 'string' },
      'control-token': { type: 'string' },
      'open-control': { type: 'boolean', default: false },
    },
    strict: true,
  });
  const secretKey = values['secret-key'];
  const port = Number(values.port);
  if (secretKey === undefined || !Number.isInteger(port) || port < 0 || port > 65535) throw new Error(usage);
  const url = values['webhook-url'];
  const secret = values['webhook-secret'];
  if ((url === undefined) !== (secret === undefined)) throw new Error('--webhook-url and --webhook-secret go together');
  if (secret !== undefined && !secret.startsWith('whsec_')) throw new Error('--webhook-secret must start with whsec_');
  const controlToken = values['control-token'];
  const control = controlAccessFrom(controlToken, values['open-control']);
  const simulator = new PaymentSimulator();
  const handle = await simulator.start({
    port, secretKey, control,
    ...(url === undefined || secret === undefined ? {} : { webhook: { url, secret } }),
    ...(values.state === undefined ? {} : { stateFile: values.state }),
  });
  serveUntilSignalled(handle);
}

runCli(main);
