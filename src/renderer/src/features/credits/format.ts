/** Same locale as shared `formatCredits`, so a bare count and "1,234 credits" always read alike. */
export const formatCount = (value: number): string => value.toLocaleString('en-US');

export const heldExplanation = (reserved: number): string =>
  reserved === 1
    ? '1 credit is held for a message waiting to send'
    : `${formatCount(reserved)} credits are held for messages waiting to send`;
