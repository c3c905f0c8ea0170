import type { Page } from '@playwright/test';

/** Calls main as the page does; fails the test on a refusal. */
export async function callMain<T>(page: Page, channel: string, input?: unknown): Promise<T> {
  const result = await page.evaluate(
    ({ channel, input }) =>
      (window.smsDesk!.call as unknown as Record<string, (i: unknown) => Promise<{ ok: boolean; value?: unknown; error?: { code?: string; message: string } }>>)[channel]!(input),
    { channel, input },
  );
  if (!result.ok) throw new Error(`${channel}: ${[result.error?.code, result.error?.message].filter(Boolean).join(' ')}`);
  return result.value as T;
}

/** Texts may go out at any hour: the test must not depend on the time it runs. `changes` sets other message options too. */
export async function openAllHours(page: Page, changes: Record<string, unknown> = {}): Promise<void> {
  const current = await callMain<Record<string, unknown> & { availableHours: Record<string, unknown> }>(page, 'messageOptions.get');
  const schedule = Array.from({ length: 7 }, () => [{ start: '00:00', end: '24:00' }]);
  await callMain(page, 'messageOptions.update', { ...current, messagesPerSecond: 10, ...changes, availableHours: { ...current.availableHours, schedule } });
}
