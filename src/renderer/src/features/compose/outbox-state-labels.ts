import type { OutboxState } from '../../../../shared/contract';

/** Where one text stands, in the words the desk reads everywhere a single message is shown. */
export const outboxStateLabels: Record<OutboxState, string> = {
  queued: 'Waiting to send',
  claimed: 'Sending',
  accepted: 'With the carrier',
  sent: 'Sent',
  delivered: 'Delivered',
  undelivered: 'Not delivered',
  failed: 'Not sent',
  canceled: 'Canceled',
};
