import type { ConsentState, ContactKind } from '../../../../shared/contract';

export const kindLabels: Record<ContactKind, string> = { guardian: 'Guardian', student: 'Student', staff: 'Staff' };
export const consentLabels: Record<ConsentState, string> = { opted_in: 'Opted in', opted_out: 'Opted out', never: 'Not asked yet' };
export const fullName = (c: { firstName: string; lastName: string }) => `${c.firstName} ${c.lastName}`.trim();
