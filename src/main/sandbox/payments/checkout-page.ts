import { describeSession, sessionTotal } from './checkout.ts';
import type { CheckoutSessionRecord } from './state.ts';
import { testCards } from './test-cards.ts';
import type { TestCardId } from './test-cards.ts';

/**
 * The simulator's stand-in for Stripe's hosted checkout page: what is being bought and its total,
 * a choice of test card, and Pay / Decline. Plain HTML forms, no script, so tests can drive it
 * with fetch as well as a browser.
 */
const PAYMENT_CARDS: readonly TestCardId[] = ['pm_card_visa', 'pm_card_mastercard', 'pm_card_chargeDeclined', 'pm_card_chargeDeclinedInsufficientFunds'];
const SETUP_CARDS: readonly TestCardId[] = ['pm_card_visa', 'pm_card_chargeCustomerFail', 'pm_card_authenticationRequired', 'pm_card_chargeDeclined'];

export function cardsFor(mode: CheckoutSessionRecord['mode']): readonly TestCardId[] {
  return mode === 'payment' ? PAYMENT_CARDS : SETUP_CARDS;
}

function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function formatMoney(minor: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency: currency.toUpperCase() }).format(minor / 100);
  } catch {
    return `${(minor / 100).toFixed(2)} ${currency.toUpperCase()}`;
  }
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)}</title>
<style>
body{font-family:system-ui,sans-serif;background:#f6f8fa;color:#1a1f36;margin:0;display:flex;justify-content:center}
main{background:#fff;margin:48px 16px;padding:32px;border-radius:12px;box-shadow:0 2px 12px rgba(0,0,0,.08);max-width:440px;width:100%}
h1{font-size:1.3rem;margin:0 0 4px} .total{font-size:2rem;font-weight:600;margin:12px 0 24px}
.note{background:#fff8e1;border:1px solid #f0d070;padding:8px 12px;border-radius:6px;font-size:.9rem;margin-bottom:20px}
.error{background:#fdecea;border:1px solid #e0a0a0;padding:10px 12px;border-radius:6px;margin-bottom:16px}
fieldset{border:1px solid #d8dde6;border-radius:8px;margin:0 0 20px;padding:8px 16px} legend{padding:0 4px}
label{display:block;padding:6px 0} button{font-size:1rem;padding:12px;border-radius:8px;border:0;width:100%;cursor:pointer;margin-top:8px}
.pay{background:#635bff;color:#fff} .decline{background:#e6e9ef;color:#1a1f36} a{color:#635bff}
</style></head><body><main>${body}</main></body></html>`;
}

export function checkoutPage(s: CheckoutSessionRecord, error: string | null): string {
  const payment = s.mode === 'payment';
  const cards = cardsFor(s.mode).map((id, i) => `<label><input type="radio" name="card" value="${id}"${i === 0 ? ' checked' : ''}> ${escape(testCards[id].label)}</label>`).join('');
  const heading = payment ? escape(describeSession(s)) : 'Save a card for later payments';
  const amount = payment ? `<div class="total" data-testid="total">${escape(formatMoney(sessionTotal(s), s.currency ?? 'usd'))}</div>` : '<p>No money is taken now. The card is kept for later charges.</p>';
  const back = s.cancelUrl === null ? '' : `<p><a href="${escape(s.cancelUrl)}">Go back without paying</a></p>`;
  return layout(payment ? 'Pay' : 'Save card', `
<div class="note">Test payment page. No real card is charged.</div>
<h1>${heading}</h1>${amount}
${error === null ? '' : `<div class="error" role="alert">${escape(error)}</div>`}
<form method="post" action="/checkout/${escape(s.id)}/pay">
<fieldset><legend>Test card</legend>${cards}</fieldset>
<button class="pay" type="submit">${payment ? 'Pay' : 'Save card'}</button>
</form>
<form method="post" action="/checkout/${escape(s.id)}/decline"><button class="decline" type="submit">Decline</button></form>
${back}`);
}

export function closedPage(s: CheckoutSessionRecord | undefined): string {
  if (s === undefined) return layout('Not found', '<h1>This payment page does not exist.</h1>');
  if (s.status === 'expired') return layout('Expired', '<h1>This payment page has expired.</h1><p>Nothing was charged. Start again from the app.</p>');
  const next = s.successUrl === null ? '' : `<p><a href="${escape(successRedirect(s))}">Continue</a></p>`;
  return layout('Done', `<h1>${s.mode === 'payment' ? 'Payment complete.' : 'Card saved.'}</h1>${next}`);
}

/** Stripe fills `{CHECKOUT_SESSION_ID}` in the success URL. */
export function successRedirect(s: CheckoutSessionRecord): string {
  return (s.successUrl ?? '').replaceAll('{CHECKOUT_SESSION_ID}', s.id);
}
