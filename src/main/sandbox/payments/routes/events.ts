import type { Route } from '../context.ts';
import { invalidRequest, resourceMissing } from '../errors.ts';
import { allowOnly, applyMetadata, optList, optString, reqString } from '../form.ts';
import { newId } from '../ids.ts';
import { page } from '../paging.ts';
import { listObject } from '../shapes/address.ts';
import type { WebhookEndpointRecord } from '../state.ts';

/** Stripe's webhook endpoint object; the secret is shown only when the endpoint is made. */
function renderEndpoint(e: WebhookEndpointRecord, withSecret: boolean): Record<string, unknown> {
  return {
    id: e.id, object: 'webhook_endpoint', api_version: null, application: null, created: e.created, description: null,
    enabled_events: e.enabledEvents, livemode: false, metadata: e.metadata, status: 'enabled', url: e.url,
    ...(withSecret ? { secret: e.secret } : {}),
  };
}

export const eventRoutes: readonly Route[] = [
  {
    method: 'GET', pattern: /^\/v1\/events$/,
    handle: (ctx, req) => {
      const type = optString(req.form, 'type');
      const types = optList(req.form, 'types')?.map(String);
      if (type !== undefined && types !== undefined) throw invalidRequest('You may only specify one of these parameters: type, types.');
      // `type` takes a trailing wildcard: `checkout.session.*`.
      const matches = (t: string): boolean => (type === undefined || (type.endsWith('*') ? t.startsWith(type.slice(0, -1)) : t === type))
        && (types === undefined || types.includes(t));
      return page(req.form, '/v1/events', ctx.state.events.filter((e) => matches(e.type)), (e) => e, ['type', 'types', 'delivery_success']);
    },
  },
  {
    method: 'GET', pattern: /^\/v1\/events\/([^/]+)$/,
    handle: (ctx, req) => {
      const e = ctx.state.events.find((x) => x.id === req.params[0]);
      if (e === undefined) throw resourceMissing('event', req.params[0] as string);
      return e;
    },
  },
  {
    method: 'POST', pattern: /^\/v1\/webhook_endpoints$/,
    handle: (ctx, req) => {
      allowOnly(req.form, ['url', 'enabled_events', 'metadata', 'description', 'api_version', 'expand']);
      const url = reqString(req.form, 'url');
      if (!/^https?:\/\//.test(url)) throw invalidRequest('Invalid URL: URL must be publicly accessible.', 'url');
      const enabled = optList(req.form, 'enabled_events')?.map(String);
      if (enabled === undefined || enabled.length === 0) throw invalidRequest('Missing required param: enabled_events.', 'enabled_events');
      const e: WebhookEndpointRecord = {
        id: newId('we'), created: ctx.nowSec(), url, secret: newId('whsec'), enabledEvents: enabled, metadata: applyMetadata({}, req.form),
      };
      ctx.state.webhookEndpoints[e.id] = e;
      return renderEndpoint(e, true);
    },
  },
  {
    method: 'GET', pattern: /^\/v1\/webhook_endpoints$/,
    handle: (ctx) => listObject('/v1/webhook_endpoints', Object.values(ctx.state.webhookEndpoints).reverse().map((e) => renderEndpoint(e, false)), false),
  },
  {
    method: 'DELETE', pattern: /^\/v1\/webhook_endpoints\/([^/]+)$/,
    handle: (ctx, req) => {
      const e = ctx.state.webhookEndpoints[req.params[0] as string];
      if (e === undefined) throw resourceMissing('webhook_endpoint', req.params[0] as string);
      delete ctx.state.webhookEndpoints[e.id];
      return { id: e.id, object: 'webhook_endpoint', deleted: true };
    },
  },
];
