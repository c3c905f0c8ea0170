import type { CarrierGateway, CarrierThreadSpec } from '../core/ports/carrier-gateway';
import { TwilioCarrier } from './twilio/twilio-carrier';

type Builders = { [K in CarrierThreadSpec['kind']]: (spec: Extract<CarrierThreadSpec, { kind: K }>) => CarrierGateway };

/**
 * One builder per kind of gateway. Live Twilio and the Sandbox share the Twilio adapter: the
 * Sandbox spec only adds the simulator's base URL. A new carrier adds its kind here.
 */
const builders: Builders = {
  twilio: (spec) =>
    new TwilioCarrier({ credentials: spec.credentials, timeoutMs: spec.timeoutMs, ...(spec.baseUrl === null ? {} : { baseUrl: spec.baseUrl }) }),
};

/** The sending thread's side of `CarrierGateway.threadSpec()`: the same gateway, built in this thread. */
export function gatewayFromThreadSpec(spec: CarrierThreadSpec): CarrierGateway {
  return builders[spec.kind](spec);
}
