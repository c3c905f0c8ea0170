import type { Draft } from '../../../shared/contract';
import { isEmptySelection } from '../../../shared/contract/audience-selection';
import type { DraftStore } from '../ports/stores/draft-store';

/**
 * Keeps a staff member's draft, with whoever they picked from Contacts; a blank one (nothing
 * typed, nobody picked) is removed instead. Returns when it was kept, or null.
 */
export async function saveDraft(drafts: DraftStore, staffId: string, draft: Draft, now: number): Promise<number | null> {
  const picked = draft.selection && !isEmptySelection(draft.selection) ? draft.selection : undefined;
  if (draft.to.trim() === '' && draft.body.trim() === '' && !picked) {
    await drafts.remove(staffId);
    return null;
  }
  await drafts.put(staffId, { to: draft.to, body: draft.body, ...(picked ? { selection: picked } : {}) }, now);
  return now;
}
