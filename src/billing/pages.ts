/** The page Stripe sends a person back to after a checkout page: a plain sentence, nothing secret. */
const sentences: Record<string, { title: string; text: string }> = {
  paid: { title: 'Payment received', text: 'Thank you. Your credits appear in SMS Desk in a moment. You can close this tab.' },
  card_saved: { title: 'Card saved', text: 'Auto Renew Credits is set up. You can close this tab and go back to SMS Desk.' },
  cancelled: { title: 'Nothing was charged', text: 'The payment was not finished. You can close this tab and try again from SMS Desk.' },
};

export function returnPage(result: string | null): string {
  const { title, text } = sentences[result ?? ''] ?? { title: 'SMS Desk billing', text: 'You can close this tab and go back to SMS Desk.' };
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1a1a1a}h1{font-size:1.5rem}</style>
</head><body><main><h1>${title}</h1><p>${text}</p></main></body></html>`;
}
