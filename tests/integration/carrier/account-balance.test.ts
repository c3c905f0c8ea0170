import { afterEach, describe, expect, it } from 'vitest';
import { ACCOUNT_SID, startHarness, type Harness } from './sim-harness';

let h: Harness | null = null;
afterEach(async () => {
  await h?.stop();
  h = null;
});

describe('account balance (own Twilio account)', () => {
  it('the Twilio adapter reads Balance.json through the SDK, in Twilio\'s shape, and it falls as texts are sent', async () => {
    h = await startHarness();
    const raw = await h.api('GET', `/2010-04-01/Accounts/${ACCOUNT_SID}/Balance.json`);
    expect(raw).toEqual({ status: 200, body: { account_sid: ACCOUNT_SID, balance: '20.00', currency: 'USD' } });
    expect(await h.carrier.fetchBalance()).toEqual({ amount: '20.00', currency: 'USD' });

    const service = await h.carrier.ensureMessagingService('SMS Desk');
    const [number] = await h.carrier.searchAvailableNumbers('512', 1);
    await h.carrier.buyNumber(number!.phoneNumber, service.sid);
    for (let i = 0; i < 130; i += 1) await h.carrier.sendMessage({ to: `+1212555${String(1000 + i)}`, body: 'Pool closed today.', messagingServiceSid: service.sid });
    // 130 segments × $0.0079 = $1.027: $18.97 left.
    expect(await h.carrier.fetchBalance()).toEqual({ amount: '18.97', currency: 'USD' });
  });

  it('another account\'s balance is refused', async () => {
    h = await startHarness();
    const other = await h.api('GET', '/2010-04-01/Accounts/AC00000000000000000000000000000000/Balance.json');
    expect(other.status).not.toBe(200);
  });
});
