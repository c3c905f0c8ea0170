import type { SmsPolicy } from '../../../../shared/contract/templates';

/** The family SMS policy and the staff guidelines (SPEC §8); null until an admin saves them. */
export interface SmsPolicyStore {
  read(): Promise<SmsPolicy | null>;
  save(policy: { familyPolicy: string; staffGuidelines: string; staffId: string | null; at: number }): Promise<void>;
}
