import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { contract, channels } from '../../../src/shared/contract';

const SECRET_KEY = /secret|password|token|hash|apikey|api_key|pin$/i;

/** Collects every object key an output schema can produce, however deeply nested. */
function outputKeys(schema: z.ZodType, seen = new Set<z.ZodType>()): string[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const json = z.toJSONSchema(schema, { unrepresentable: 'any', io: 'output' }) as Record<string, unknown>;
  const keys: string[] = [];
  const walk = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    if (record.properties && typeof record.properties === 'object') {
      for (const [key, child] of Object.entries(record.properties as Record<string, unknown>)) {
        keys.push(key);
        walk(child);
      }
    }
    for (const value of Object.values(record)) if (value && typeof value === 'object') walk(value);
  };
  walk(json);
  return keys;
}

describe('secrets never cross the bridge', () => {
  it.each(channels)('%s returns no secret-looking field', (channel) => {
    const leaked = outputKeys(contract[channel].output).filter((key) => SECRET_KEY.test(key));
    expect(leaked).toEqual([]);
  });
});
