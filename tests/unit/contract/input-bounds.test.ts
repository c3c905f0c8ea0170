import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { channels, contract, MAX_SCHEDULE_AHEAD_MS, type QueuedSend, type Result } from '../../../src/shared/contract';
import { withAdminAndClerk } from '../staff/harness';

// ---------------------------------------------------------------------------------------------
// Every value a caller can hand main is bounded: a string has a longest length (or a fixed
// shape), a number a smallest and a largest value, a list a longest length. A value main stores
// and every screen later shows (a scheduled time) cannot be one no screen can draw.
// ---------------------------------------------------------------------------------------------

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  maxLength?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  exclusiveMaximum?: number;
  maxItems?: number;
  additionalProperties?: unknown;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
}

/** Rates, not counts: the only inputs that may be fractions. */
const FRACTIONS_ALLOWED = new Set(['messageOptions.update.availableHours', 'messageOptions.update.messagesPerSecond']);

/** A pattern bounds a string's length when it is anchored and repeats nothing without limit. */
const boundedPattern = (pattern: string) => pattern.startsWith('^') && pattern.endsWith('$') && !/[*+]|\{\d+,\}/.test(pattern.replace(/\\./g, ''));

/** Every place in an input schema that lets an unbounded value through, by path. */
function unbounded(schema: JsonSchema, path: string): string[] {
  const problems: string[] = [];
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  for (const nested of [...(schema.oneOf ?? []), ...(schema.anyOf ?? []), ...(schema.allOf ?? [])]) problems.push(...unbounded(nested, path));
  if (schema.enum !== undefined || schema.const !== undefined) return problems;
  if (types.includes('string') && schema.maxLength === undefined && !(schema.pattern && boundedPattern(schema.pattern))) problems.push(`${path}: string without a longest length`);
  if (types.includes('number') && !FRACTIONS_ALLOWED.has(path)) problems.push(`${path}: fractions accepted where a whole number is meant`);
  if (types.includes('number') || types.includes('integer')) {
    if (schema.minimum === undefined && schema.exclusiveMinimum === undefined) problems.push(`${path}: number without a smallest value`);
    // z.number().int() alone allows up to 2^53, far past any date (9e15 is "Invalid time value");
    // only ids, which are looked up and never shown, may go that high.
    const largest = schema.maximum ?? schema.exclusiveMaximum;
    if (largest === undefined || (largest >= Number.MAX_SAFE_INTEGER && !/Id$/.test(path))) problems.push(`${path}: number without a largest value`);
  }
  if (types.includes('array')) {
    if (schema.maxItems === undefined) problems.push(`${path}: list without a longest length`);
    if (schema.items) problems.push(...unbounded(schema.items, `${path}[]`));
  }
  if (types.includes('object')) {
    if (schema.additionalProperties !== false) problems.push(`${path}: object that accepts fields it does not name`);
    for (const [key, value] of Object.entries(schema.properties ?? {})) problems.push(...unbounded(value, `${path}.${key}`));
  }
  return problems;
}

const inputSchema = (channel: (typeof channels)[number]) =>
  z.toJSONSchema(contract[channel].input, { io: 'input', unrepresentable: 'any' }) as JsonSchema;

function unwrap<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

describe('every channel’s input is bounded', () => {
  it.each(channels)('%s', (channel) => {
    expect(unbounded(inputSchema(channel), channel)).toEqual([]);
  });

  it('the checker itself finds what it looks for', () => {
    const loose = z.toJSONSchema(
      z.object({ name: z.string(), count: z.number(), list: z.array(z.string().max(3)), at: z.number().int().positive(), open: z.object({}) }).strict(),
      { io: 'input' },
    ) as JsonSchema;
    expect(unbounded(loose, 'x')).toEqual([
      'x.name: string without a longest length',
      'x.count: fractions accepted where a whole number is meant',
      'x.count: number without a smallest value',
      'x.count: number without a largest value',
      'x.list: list without a longest length',
      'x.at: number without a largest value',
      'x.open: object that accepts fields it does not name',
    ]);
  });
});

describe('a scheduled send', () => {
  // Tuesday 14 November 2023, 12:00 in New York: inside the default sending hours.
  const NOW = Date.UTC(2023, 10, 14, 17, 0);
  const FAMILY = '+12125550142';

  async function desk() {
    const h = await withAdminAndClerk({ startAt: NOW });
    h.db.prepare("INSERT INTO consent (phone, state, updated_at) VALUES (?, 'opted_in', ?)").run(FAMILY, NOW);
    const schedule = (at: number) => h.call('clerk-window', 'sends.create', { recipients: [FAMILY], body: 'Open gym Friday', timing: { kind: 'at', at } });
    return { ...h, schedule };
  }

  it('at a time no date can show (9e15) is refused before anything is stored', async () => {
    const h = await desk();
    const before = h.rowCounts();
    for (const at of [9e15, 8.64e15 + 1, Number.MAX_SAFE_INTEGER, -1, 0, 1.5]) {
      expect(await h.schedule(at)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(h.rowCounts()).toEqual(before);
  });

  it('more than a year ahead of main’s clock is refused, saying so; within the year it is kept', async () => {
    const h = await desk();
    const before = h.rowCounts();
    expect(await h.schedule(NOW + MAX_SCHEDULE_AHEAD_MS + 60_000)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/at most a year ahead/) } });
    expect(h.rowCounts()).toEqual(before);

    const inAYear = NOW + MAX_SCHEDULE_AHEAD_MS;
    expect(unwrap<QueuedSend>(await h.schedule(inAYear)).batch.notBefore).toBe(inAYear);
  });
});
