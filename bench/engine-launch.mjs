/**
 * Starts one measured process for bench/run.ts: the engine (engine-worker.ts) or, with
 * BENCH_ENTRY=sdk, the plain SDK loop it is compared with (sdk-loop.ts). The engine is TypeScript, so tsx loads it;
 * then tsx's module hooks are removed before anything is measured. The twilio SDK requires parts
 * of itself lazily on first use, and those requires should cost what they cost in the built app
 * (plain require), not what they cost through tsx's resolver. This covers the main thread only:
 * the sending thread, when there is one, is a separate isolate that thread-host.ts starts from
 * source with `--import tsx`, so its module loading (at thread start) still goes through tsx.
 */
import { register as registerCjs } from 'tsx/cjs/api';
import { register as registerEsm } from 'tsx/esm/api';

const unregisterCjs = registerCjs();
const unregisterEsm = registerEsm();
try {
  const { runWorker } = await import(process.env.BENCH_ENTRY === 'sdk' ? './sdk-loop.ts' : './engine-worker.ts');
  unregisterCjs();
  await unregisterEsm();
  await runWorker();
} catch (error) {
  process.stderr.write(`engine worker failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
}
