import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { startBillingService } from './start.ts';
import { BillingStore } from './store.ts';
import { issueToken } from './tokens.ts';

/**
 * `npm run billing-service -- --port PORT --data FILE [--stripe-base-url http://127.0.0.1:PORT]
 *   [--tls-cert FILE --tls-key FILE] [--host HOST] [--public-url URL]`
 * with the Stripe secret key in SMS_DESK_BILLING_STRIPE_SECRET_KEY and the webhook signing secret
 * in SMS_DESK_BILLING_WEBHOOK_SECRET (environment, so they are not in the process list; the
 * --stripe-secret-key and --webhook-secret flags exist for local tries). Prints the base URL.
 *
 * `npm run billing-service -- issue-token --data FILE --business NAME` prints a new billing token
 * for the business (added if new); `revoke-token --data FILE --token-id ID` revokes one.
 */
const usage =
  'usage: billing-service --port PORT --data FILE [--stripe-base-url URL] [--tls-cert FILE --tls-key FILE] [--host HOST] [--public-url URL]\n' +
  '       (Stripe key in SMS_DESK_BILLING_STRIPE_SECRET_KEY, webhook secret in SMS_DESK_BILLING_WEBHOOK_SECRET)\n' +
  '       billing-service issue-token --data FILE --business NAME\n' +
  '       billing-service revoke-token --data FILE --token-id ID';

function stripeEndpoint(baseUrl: string | undefined): { host?: string; port?: number; protocol?: 'http' | 'https' } {
  if (baseUrl === undefined) return {};
  const url = new URL(baseUrl);
  const protocol = url.protocol === 'http:' ? 'http' : url.protocol === 'https:' ? 'https' : null;
  if (protocol === null) throw new Error('--stripe-base-url must start with http:// or https://');
  return { host: url.hostname, port: Number(url.port || (protocol === 'https' ? 443 : 80)), protocol };
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      port: { type: 'string', default: '0' },
      host: { type: 'string' },
      data: { type: 'string' },
      'stripe-secret-key': { type: 'string' },
      'stripe-base-url': { type: 'string' },
      'webhook-secret': { type: 'string' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
      'public-url': { type: 'string' },
      business: { type: 'string' },
      'token-id': { type: 'string' },
    },
    strict: true,
  });
  const dataFile = values.data;
  if (dataFile === undefined) throw new Error(usage);
  const command = positionals[0];
  if (command === 'issue-token' || command === 'revoke-token') {
    const store = new BillingStore(dataFile);
    try {
      if (command === 'issue-token') {
        if (values.business === undefined) throw new Error(usage);
        process.stdout.write(`${issueToken(store, values.business, Date.now()).token}\n`);
      } else {
        if (values['token-id'] === undefined) throw new Error(usage);
        if (!store.revokeToken(values['token-id'], Date.now())) throw new Error('No such token, or it is already revoked.');
        process.stdout.write('revoked\n');
      }
    } finally {
      store.close();
    }
    return;
  }
  if (command !== undefined) throw new Error(usage);

  const secretKey = process.env.SMS_DESK_BILLING_STRIPE_SECRET_KEY || values['stripe-secret-key'];
  const port = Number(values.port);
  if (secretKey === undefined || !/^sk_(test|live)_/.test(secretKey) || !Number.isInteger(port) || port < 0 || port > 65535) throw new Error(usage);
  if ((values['tls-cert'] === undefined) !== (values['tls-key'] === undefined)) throw new Error('--tls-cert and --tls-key go together.');
  const tls = values['tls-cert'] !== undefined && values['tls-key'] !== undefined
    ? { cert: readFileSync(values['tls-cert']), key: readFileSync(values['tls-key']) }
    : undefined;
  const handle = await startBillingService({
    dataFile,
    port,
    stripe: { secretKey, ...stripeEndpoint(values['stripe-base-url']) },
    webhookSecret: process.env.SMS_DESK_BILLING_WEBHOOK_SECRET || values['webhook-secret'] || null,
    ...(values.host === undefined ? {} : { host: values.host }),
    ...(values['public-url'] === undefined ? {} : { publicUrl: values['public-url'] }),
    ...(tls === undefined ? {} : { tls }),
  });
  process.stdout.write(`${handle.url}\n`);
  const shutdown = (): void => {
    void handle.close().then(() => process.exit(0));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
});
