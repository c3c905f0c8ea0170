/** Polls `probe` until `done` holds, failing with the last value seen: a condition decides, never a fixed sleep. */
export async function until<T>(what: string, probe: () => Promise<T> | T, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Polls `check` until it holds; `what` names it in the failure. */
export async function untilTrue(check: () => boolean, timeoutMs = 15_000, what = 'the condition'): Promise<void> {
  await until(what, check, (held) => held, timeoutMs);
}
