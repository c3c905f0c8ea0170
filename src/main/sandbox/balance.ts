import type { Route } from './http.ts';

/** The Sandbox account starts with $20.00 and pays $0.0079 per outbound segment, as a small Twilio account would. */
const STARTING_BALANCE = 200_000; // ten-thousandths of a dollar
const PER_SEGMENT = 79;

/** Ten-thousandths of a dollar as Twilio writes a balance: "19.92", "-0.40". */
function asDollars(tenThousandths: number): string {
  const cents = Math.round(tenThousandths / 100);
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** GET /2010-04-01/Accounts/{Sid}/Balance.json in Twilio's shape (account_sid, balance, currency). */
export const balanceRoutes: readonly Route[] = [
  {
    method: 'GET',
    pattern: /^\/2010-04-01\/Accounts\/([^/]+)\/Balance\.json$/,
    handle: (ctx) => {
      let segments = 0;
      for (const message of ctx.store.messages.values()) if (message.direction !== 'inbound') segments += message.numSegments;
      return { status: 200, body: { account_sid: ctx.accountSid, balance: asDollars(STARTING_BALANCE - PER_SEGMENT * segments), currency: 'USD' } };
    },
  },
];
