import { attachPaymentMethod, resolvePaymentMethod } from '../charging.ts';
import type { ApiRequest, PayContext, Route } from '../context.ts';
import { invalidRequest, resourceMissing } from '../errors.ts';
import type { FormObject } from '../form.ts';
import { allowOnly, applyMetadata, expandList, optObject, optString, reqString } from '../form.ts';
import { applyExpand } from '../expand.ts';
import { newId } from '../ids.ts';
import { page } from '../paging.ts';
import { renderCustomer } from '../shapes/customer.ts';
import { renderPaymentMethod } from '../shapes/payment-method.ts';
import type { CustomerRecord } from '../state.ts';

const FIELDS = ['email', 'name', 'description', 'phone', 'metadata', 'invoice_settings', 'payment_method', 'expand'];

function findCustomer(ctx: PayContext, id: string, param = 'id'): CustomerRecord {
  const c = ctx.state.customers[id];
  if (c === undefined) throw resourceMissing('customer', id, param);
  return c;
}

/** Fields shared by create and update; an empty string clears a field, as on Stripe. */
function applyFields(ctx: PayContext, c: CustomerRecord, f: FormObject, req: ApiRequest): void {
  const text = (name: string): string | null | undefined => {
    const v = optString(f, name);
    return v === undefined ? undefined : v === '' ? null : v;
  };
  const email = text('email');
  if (email !== undefined) c.email = email;
  const name = text('name');
  if (name !== undefined) c.name = name;
  const description = text('description');
  if (description !== undefined) c.description = description;
  const phone = text('phone');
  if (phone !== undefined) c.phone = phone;
  c.metadata = applyMetadata(c.metadata, f);
  const pmId = optString(f, 'payment_method');
  if (pmId !== undefined) attachPaymentMethod(ctx, resolvePaymentMethod(ctx, pmId, 'payment_method'), c.id, req.request);
  const settings = optObject(f, 'invoice_settings');
  if (settings !== undefined) {
    allowOnly(settings, ['default_payment_method', 'custom_fields', 'footer', 'rendering_options'], 'invoice_settings[');
    const dpm = optString(settings, 'default_payment_method', 'invoice_settings[default_payment_method]');
    if (dpm === '') c.defaultPaymentMethod = null;
    else if (dpm !== undefined) {
      const pm = ctx.state.paymentMethods[dpm];
      if (pm === undefined) throw resourceMissing('PaymentMethod', dpm, 'invoice_settings[default_payment_method]');
      if (pm.customer !== c.id) {
        throw invalidRequest(`No such PaymentMethod: '${dpm}'; It does not belong to this customer.`, 'invoice_settings[default_payment_method]');
      }
      c.defaultPaymentMethod = dpm;
    }
  }
}

export const customerRoutes: readonly Route[] = [
  {
    method: 'POST', pattern: /^\/v1\/customers$/,
    handle: (ctx, req) => {
      allowOnly(req.form, FIELDS);
      const c: CustomerRecord = {
        id: newId('cus'), created: ctx.nowSec(), email: null, name: null, description: null, phone: null, metadata: {}, defaultPaymentMethod: null,
      };
      ctx.state.customers[c.id] = c;
      applyFields(ctx, c, req.form, req);
      ctx.emit('customer.created', renderCustomer(c), req.request);
      return applyExpand(ctx, renderCustomer(c), expandList(req.form));
    },
  },
  {
    method: 'GET', pattern: /^\/v1\/customers$/,
    handle: (ctx, req) => {
      const email = optString(req.form, 'email');
      const items = Object.values(ctx.state.customers).filter((c) => email === undefined || c.email === email);
      return page(req.form, '/v1/customers', items, renderCustomer, ['email']);
    },
  },
  {
    method: 'GET', pattern: /^\/v1\/customers\/([^/]+)$/,
    handle: (ctx, req) => {
      allowOnly(req.form, ['expand']);
      return applyExpand(ctx, renderCustomer(findCustomer(ctx, req.params[0] as string)), expandList(req.form));
    },
  },
  {
    method: 'POST', pattern: /^\/v1\/customers\/([^/]+)$/,
    handle: (ctx, req) => {
      allowOnly(req.form, FIELDS.filter((f) => f !== 'payment_method'));
      const c = findCustomer(ctx, req.params[0] as string);
      applyFields(ctx, c, req.form, req);
      ctx.emit('customer.updated', renderCustomer(c), req.request);
      return applyExpand(ctx, renderCustomer(c), expandList(req.form));
    },
  },
  {
    method: 'GET', pattern: /^\/v1\/customers\/([^/]+)\/payment_methods$/,
    handle: (ctx, req) => {
      const c = findCustomer(ctx, req.params[0] as string, 'customer');
      const type = optString(req.form, 'type');
      const items = Object.values(ctx.state.paymentMethods).filter((pm) => pm.customer === c.id && (type === undefined || type === 'card'));
      return page(req.form, `/v1/customers/${c.id}/payment_methods`, items, renderPaymentMethod, ['type', 'allow_redisplay']);
    },
  },
];

export const paymentMethodRoutes: readonly Route[] = [
  {
    method: 'GET', pattern: /^\/v1\/payment_methods$/,
    handle: (ctx, req) => {
      const customer = optString(req.form, 'customer');
      if (customer !== undefined) findCustomer(ctx, customer, 'customer');
      const items = Object.values(ctx.state.paymentMethods).filter((pm) => pm.customer !== null && (customer === undefined || pm.customer === customer));
      return page(req.form, '/v1/payment_methods', items, renderPaymentMethod, ['customer', 'type']);
    },
  },
  {
    method: 'GET', pattern: /^\/v1\/payment_methods\/([^/]+)$/,
    handle: (ctx, req) => {
      allowOnly(req.form, ['expand']);
      const pm = ctx.state.paymentMethods[req.params[0] as string];
      if (pm === undefined) throw resourceMissing('PaymentMethod', req.params[0] as string);
      return applyExpand(ctx, renderPaymentMethod(pm), expandList(req.form));
    },
  },
  {
    method: 'POST', pattern: /^\/v1\/payment_methods\/([^/]+)\/attach$/,
    handle: (ctx, req) => {
      allowOnly(req.form, ['customer', 'expand']);
      const pm = resolvePaymentMethod(ctx, req.params[0] as string, 'payment_method');
      attachPaymentMethod(ctx, pm, reqString(req.form, 'customer'), req.request);
      return applyExpand(ctx, renderPaymentMethod(pm), expandList(req.form));
    },
  },
  {
    method: 'POST', pattern: /^\/v1\/payment_methods\/([^/]+)\/detach$/,
    handle: (ctx, req) => {
      allowOnly(req.form, ['expand']);
      const pm = ctx.state.paymentMethods[req.params[0] as string];
      if (pm === undefined) throw resourceMissing('PaymentMethod', req.params[0] as string);
      if (pm.customer === null) throw invalidRequest('The payment method you provided is not attached to a customer so detachment is impossible.');
      const owner = ctx.state.customers[pm.customer];
      if (owner?.defaultPaymentMethod === pm.id) owner.defaultPaymentMethod = null;
      pm.customer = null;
      ctx.emit('payment_method.detached', renderPaymentMethod(pm), req.request);
      return renderPaymentMethod(pm);
    },
  },
];
