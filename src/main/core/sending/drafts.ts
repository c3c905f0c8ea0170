import type { Draft } from '../../../shared/contract';
import type { DraftStore } from '../ports/stores/draft-store';

/** Keeps a staff member's draft; a blank one (nothing typed) is removed instead. Returns when it was kept, or null. */
export async function saveDraft(drafts: DraftStore, staffId: string, draft: Draft, now: number): Promise<number | null> {
  if (draft.to.trim() === '' && draft.body.trim() === '') {
    await drafts.remove(staffId);
    return null;
  }
  await drafts.put(staffId, draft, now);
  return now;
}
