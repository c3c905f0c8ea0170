import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../app/create-app';
import { ConfSettingsStore } from '../adapters/settings/conf-settings-store';
import { chooseSecretStore } from './secret-store-choice';
import { startWebServer } from './server';
import { testClockFromEnv } from '../app/test-clock';

/** `npm run web -- [--data-dir DIR] [--port PORT] [--twilio-base-url URL]` */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string', default: '0' },
      'twilio-base-url': { type: 'string' },
    },
  });
  const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0–65535, got ${values.port}`);

  // Only end-to-end tests set SMS_DESK_TEST_CLOCK; a normal launch runs on the real clock.
  const testClock = testClockFromEnv(process.env);
  const app = await createApp({
    ...(testClock ? { clock: testClock } : {}),
    dataDir,
    settings: new ConfSettingsStore(dataDir),
    secrets: await chooseSecretStore(),
    twilioBaseUrl: values['twilio-base-url'],
  });
  const server = await startWebServer({ app, rendererDir: join(__dirname, '../renderer'), port, testClock });
  console.log(`SMS Desk is running at ${server.url}`);

  const stop = async () => {
    await server.close();
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function defaultDataDir(): string {
  const base = process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share');
  return join(base, 'sms-desk-web');
}

main().catch((error: unknown) => {
  console.error(`SMS Desk could not start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
