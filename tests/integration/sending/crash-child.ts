/**
 * The engine in a process of its own, for the crash test to SIGKILL at random moments.
 * Configured by environment; prints "ready" once sending has started and "drained" (then exits)
 * when no outbox row is left waiting.
 */
import { startStandaloneEngine } from '../../../src/main/app/standalone-engine';

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`${name} is not set`);
  return value;
};

const engine = startStandaloneEngine({
  dbFile: env('CRASH_DB'),
  baseUrl: env('CRASH_BASE_URL'),
  accountSid: env('CRASH_ACCOUNT_SID'),
  authToken: env('CRASH_AUTH_TOKEN'),
  messagingServiceSid: env('CRASH_SERVICE_SID'),
  // A short request timeout turns the test's 1 s slow answers into timeouts; every other timing
  // (look-ups of in-doubt texts, retries) is the engine's own.
  requestTimeoutMs: 400,
  messageOptions: { messagesPerSecond: 1000 },
  thread: process.env.CRASH_THREAD === '1',
});
engine.dispatcher.start();
process.stdout.write('ready\n');

const waiting = engine.db.prepare("SELECT COUNT(*) AS n FROM outbox WHERE state IN ('queued', 'claimed')");
const unexpanded = engine.db.prepare('SELECT COUNT(*) AS n FROM send_batches WHERE expanded = 0');
const timer = setInterval(() => {
  if ((waiting.get() as { n: number }).n === 0 && (unexpanded.get() as { n: number }).n === 0) {
    clearInterval(timer);
    void engine.close().then(() => {
      process.stdout.write('drained\n');
      process.exit(0);
    });
  }
}, 50);
