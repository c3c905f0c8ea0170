import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatewayFromThreadSpec } from '../../../src/main/adapters/carrier-thread-registry';
import { CarrierError, type CarrierThreadSpec } from '../../../src/main/core/ports/carrier-gateway';
import { rejectionOf, startHarness, type Harness } from './sim-harness';

/**
 * The sending thread's carrier: the spec main hands over crosses a real message port (the same
 * structured clone a worker's port uses) and the gateway rebuilt from it talks to the simulator.
 */
let h: Harness;
let serviceSid: string;

beforeAll(async () => {
  h = await startHarness();
  serviceSid = (await h.carrier.ensureMessagingService('SMS Desk')).sid;
  const [first] = await h.carrier.searchAvailableNumbers('512');
  if (!first) throw new Error('no stock');
  await h.carrier.buyNumber(first.phoneNumber, serviceSid);
});
afterAll(() => h.stop());

/** Posts the spec through a MessageChannel and resolves with what the other end received. */
function acrossPort(spec: CarrierThreadSpec): Promise<CarrierThreadSpec> {
  const { port1, port2 }: { port1: MessagePort; port2: MessagePort } = new MessageChannel();
  return new Promise((resolve) => {
    port2.once('message', (received: CarrierThreadSpec) => {
      port1.close();
      resolve(received);
    });
    port1.postMessage(spec);
  });
}

describe('a gateway rebuilt from its thread spec', () => {
  it('sends through the simulator, and main sees the same message', async () => {
    const received = await acrossPort(h.carrier.threadSpec());
    expect(received).toEqual(h.carrier.threadSpec());
    const rebuilt = gatewayFromThreadSpec(received);

    const sent = await rebuilt.sendMessage({ to: '+15125550101', body: 'Practice moved to 5', messagingServiceSid: serviceSid });
    expect(sent).toMatchObject({ to: '+15125550101', body: 'Practice moved to 5', messagingServiceSid: serviceSid });
    expect(h.sim.messages().filter((m) => m.sid === sent.sid)).toHaveLength(1);
    expect(await h.carrier.fetchMessage(sent.sid)).toMatchObject({ sid: sent.sid, to: '+15125550101' });
  });

  it('carries the credentials it was given: a wrong token is refused by the carrier', async () => {
    const spec = h.carrierWith({ credentials: { accountSid: h.carrier.threadSpec().credentials.accountSid, authToken: 'wrong' } }).threadSpec();
    const rebuilt = gatewayFromThreadSpec(await acrossPort(spec));
    const error = await rejectionOf(rebuilt.sendMessage({ to: '+15125550102', body: 'Hi', messagingServiceSid: serviceSid }));
    expect(error).toBeInstanceOf(CarrierError);
    expect(error).toMatchObject({ kind: 'rejected', code: 20003 });
  });
});
