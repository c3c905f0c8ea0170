import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { REMEMBERED, SHARE_FROM, SplitListParser } from '../../../src/main/app/sending-thread/recipient-reader';
import { toE164All } from '../../../src/shared/phone/e164';
import { realLookingList } from '../../support/recipient-lists';

/** Parses lists until the helper (started from source, slow on a busy machine) answers a share. */
async function helperUp(parser: SplitListParser): Promise<void> {
  let seed = 100;
  await expect
    .poll(async () => {
      await parser.parseList(realLookingList(seed++, 3_000), 'US');
      return parser.lastSplit.helper;
    }, { timeout: 30_000, interval: 20 })
    .toBeGreaterThan(0);
}

describe('a big list parsed by the sending thread and a helper thread together', () => {
  let parser: SplitListParser | null = null;
  afterEach(async () => {
    await parser?.stop();
    parser = null;
  });

  it('gives exactly the answers of the one-thread parse, in the list’s order, on random and real-looking lists', async () => {
    parser = new SplitListParser();
    await helperUp(parser);
    let byHelper = 0;
    for (const [seed, country] of [[1, 'US'], [2, 'GB'], [3, 'CA'], [4, 'AU']] as const) {
      const list = realLookingList(seed, 6_000);
      expect(new Set(list).size).toBeGreaterThan(SHARE_FROM);
      const parsed = await parser.parseList(list, country);
      expect(parsed).toEqual(toE164All(list, country));
      expect(parser.lastSplit.here + parser.lastSplit.helper + parser.lastSplit.remembered).toBe(new Set(list).size);
      byHelper += parser.lastSplit.helper;
    }
    // The helper took part: the split is what was checked.
    expect(byHelper).toBeGreaterThan(0);
  });

  it('parses a list below the sharing size on its own thread', async () => {
    parser = new SplitListParser();
    const list = realLookingList(5, SHARE_FROM - 500);
    expect(await parser.parseList(list, 'US')).toEqual(toE164All(list, 'US'));
    expect(parser.helperRunning).toBe(false);
  });

  it('still answers every number when the helper ends before it takes a share', async () => {
    parser = new SplitListParser();
    for (const seed of [6, 7]) {
      const list = realLookingList(seed, 5_000);
      const parsing = parser.parseList(list, 'US');
      // Ended while it is still loading: it never takes a share.
      await parser.stop();
      expect(await parsing).toEqual(toE164All(list, 'US'));
      expect(parser.lastSplit.helper).toBe(0);
    }
  });

  it('still answers every number when the helper ends while it works', async () => {
    parser = new SplitListParser();
    await helperUp(parser);
    const helper = (parser as unknown as { helper: Worker | null }).helper!;
    let list: string[] = [];
    let endedWhileWorking = false;
    for (let seed = 20; seed < 30 && !endedWhileWorking; seed++) {
      list = realLookingList(seed, 20_000);
      const parsing = parser.parseList(list, 'US');
      const firstAnswer = new Promise((resolve) => helper.once('message', () => resolve('answered')));
      // Ended right after its first answer, when it has taken more shares than it answered.
      endedWhileWorking = (await Promise.race([firstAnswer, parsing.then(() => 'done')])) === 'answered';
      if (endedWhileWorking) await parser.stop();
      expect(await parsing).toEqual(toE164All(list, 'US'));
    }
    expect(endedWhileWorking).toBe(true);
    expect(parser.lastSplit.helper).toBeGreaterThan(0);
    expect(parser.lastSplit.here + parser.lastSplit.helper + parser.lastSplit.remembered).toBe(new Set(list).size);
  });

  it('starts its helper before any list comes, and replaces one that ended with the next big list', async () => {
    parser = new SplitListParser();
    parser.start();
    expect(parser.helperRunning).toBe(true);
    await parser.stop();
    expect(parser.helperRunning).toBe(false);
    const next = realLookingList(11, 5_000);
    expect(await parser.parseList(next, 'US')).toEqual(toE164All(next, 'US'));
    expect(parser.helperRunning).toBe(true);
  });

  it('parses only the numbers new to it when a list is trimmed or added to, and keeps a bounded number of answers', async () => {
    parser = new SplitListParser();
    const list = realLookingList(12, 6_000);
    await parser.parseList(list, 'US');
    const added = Array.from({ length: 30 }, (_, i) => `+1512555${String(9_000 + i)}`).filter((raw) => !list.includes(raw));
    const edited = [...list.slice(10), ...added];
    expect(await parser.parseList(edited, 'US')).toEqual(toE164All(edited, 'US'));
    expect(parser.lastSplit.here + parser.lastSplit.helper).toBe(added.length);
    expect(parser.lastSplit.remembered).toBe(new Set(edited).size - added.length);
    // Another country reads national numbers differently: nothing is reused across countries.
    expect(await parser.parseList(edited, 'GB')).toEqual(toE164All(edited, 'GB'));
    expect(parser.lastSplit.remembered).toBe(0);
    for (const seed of [13, 14, 15, 16, 17, 18, 19, 20, 21]) await parser.parseList(realLookingList(seed, 6_000), 'GB');
    expect(parser.rememberedCount).toBeLessThanOrEqual(REMEMBERED);
    expect(parser.rememberedCount).toBeGreaterThan(REMEMBERED / 2);
  });
});
