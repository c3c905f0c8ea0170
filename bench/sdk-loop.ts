/**
 * The reference for the engine's throughput: a plain loop of twilio SDK `messages.create` calls,
 * `concurrency` at a time, against the same simulator, in a process of its own (as each engine
 * run is). No database, no pacing, no bookkeeping: what the client alone can do on this machine
 * at this moment. With `client: 'stock'` it uses the SDK's own HTTP client (axios; only the host
 * rewritten to the simulator, keep-alive, no automatic retries): the plain loop the engine is held to.
 * With `client: 'engine'` it uses the engine's HTTP client (PooledRequestClient), so engine ÷ that
 * loop is the engine's own work alone.
 * bench/engine-launch.mjs loads it with BENCH_ENTRY=sdk; it prints one line "RESULT {json}".
 */
import twilio from 'twilio';
import { PooledRequestClient } from '../src/main/adapters/twilio/pooled-request-client';
import { HostRewritingRequestClient } from '../src/main/adapters/twilio/request-client';
import { ACCOUNT_SID, AUTH_TOKEN, BODY, round2, type SdkLoopConfig, type SdkLoopResult } from './stats';

export async function runWorker(): Promise<void> {
  const config = JSON.parse(process.env.BENCH_SDK ?? 'null') as SdkLoopConfig | null;
  if (config === null) throw new Error('BENCH_SDK is not set; run the benchmark with npm run bench');
  const options = { timeoutMs: 15_000, baseUrl: config.baseUrl };
  const httpClient = config.client === 'stock' ? new HostRewritingRequestClient(options) : new PooledRequestClient(options);
  const client = twilio(ACCOUNT_SID, AUTH_TOKEN, { accountSid: ACCOUNT_SID, httpClient, autoRetry: false });
  const to = (i: number): string => `${i < 10_000 ? '+1512555' : '+1737555'}${String(i % 10_000).padStart(4, '0')}`;
  const send = (i: number) => client.messages.create({ to: to(i), body: BODY, messagingServiceSid: config.messagingServiceSid });

  // One call first, as the engine's first send: the SDK loads its Messages resource on first use.
  await send(config.messages);
  let next = 0;
  let failed = 0;
  const t0 = performance.now();
  const lane = async (): Promise<void> => {
    while (next < config.messages) {
      const i = next++;
      try {
        await send(i);
      } catch {
        failed += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: config.concurrency }, lane));
  const ms = performance.now() - t0;
  const result: SdkLoopResult = { messages: config.messages, failed, ms: round2(ms), perSecond: round2((config.messages * 1000) / ms) };
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
  if (httpClient instanceof PooledRequestClient) await httpClient.close();
}
