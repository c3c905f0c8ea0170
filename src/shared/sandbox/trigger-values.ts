/**
 * Values the Sandbox carrier treats specially, so each unhappy path can be tried without a
 * Twilio account. The simulator's defaults (src/main/sandbox/settings.ts, phone-rules.ts) and the
 * hints on the Sandbox screens both read them from here, so what the screens say is what happens.
 */
export const sandboxTriggers = {
  /** A brand with this EIN fails review: the tax ID does not match the legal name (error 30799). */
  failingEin: '00-0000000',
  /** A brand with this EIN is never decided: it stays in review. */
  undecidedEin: '99-9999999',
  /** A campaign whose "how families sign up" text contains this is refused: opt-in not clear (error 30896). */
  failingCampaignFlow: 'without asking',
  /** No phone numbers are available in this area code. */
  emptyAreaCode: '999',
  /** Texts to this number are refused as a landline (error 21614); Twilio's own test number for it. */
  landlineNumber: '+15005550009',
} as const;
