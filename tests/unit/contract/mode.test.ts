import { describe, expect, it } from 'vitest';
import { settingsSchema } from '../../../src/main/core/ports/settings-store';
import { carrierStatusSchema, contract, creditBalanceSchema, modes, modeSchema } from '../../../src/shared/contract';

describe('the carrier mode', () => {
  it('is Sandbox or live, nothing else', () => {
    expect(modes).toEqual(['sandbox', 'live']);
    expect(modeSchema.safeParse('test').success).toBe(false);
  });

  it('is the one schema every channel and the settings use', () => {
    expect(contract['app.status'].output.shape.mode).toBe(modeSchema);
    expect(contract['carrier.setMode'].input.shape.mode).toBe(modeSchema);
    expect(carrierStatusSchema.shape.mode).toBe(modeSchema);
    expect(creditBalanceSchema.shape.mode).toBe(modeSchema);
    expect(settingsSchema.shape.mode.unwrap()).toBe(modeSchema);
    expect(settingsSchema.parse({}).mode).toBe('sandbox');
  });
});
