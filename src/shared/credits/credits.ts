/** SPEC §3: one credit per SMS segment per recipient. Every credit figure the UI shows comes from here. */
export function creditsForSend(segmentsPerMessage: number, recipients: number): number {
  return segmentsPerMessage * recipients;
}

export function formatCredits(credits: number): string {
  return `${credits.toLocaleString('en-US')} ${Math.abs(credits) === 1 ? 'credit' : 'credits'}`;
}
