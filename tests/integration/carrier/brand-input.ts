import type { BrandForm } from '../../../src/main/core/ports/carrier-gateway';
import type { BrandProgress, RegisterBrandInput } from '../../../src/main/core/ports/registration-gateway';

export const noProgress = (): BrandProgress => ({
  customerProfileSid: null, businessEndUserSid: null, representativeEndUserSid: null, addressSid: null,
  supportingDocumentSid: null, trustProductSid: null, messagingProfileEndUserSid: null, brandSid: null,
});

/** A first registration whose saved SIDs land in `progress`, as the registration store keeps them. */
export function brandInput(form: BrandForm, primaryCustomerProfileSid: string, progress: BrandProgress = noProgress()): RegisterBrandInput {
  return {
    form,
    primaryCustomerProfileSid,
    progress,
    saveProgress: async (patch) => void Object.assign(progress, patch),
  };
}
