import type { Draft } from '../../../../shared/contract';

export interface SavedDraft extends Draft {
  updatedAt: number;
}

/** One composer draft per staff member (SPEC §5: drafts save as typed and survive crashes). */
export interface DraftStore {
  get(staffId: string): Promise<SavedDraft | null>;
  put(staffId: string, draft: Draft, at: number): Promise<void>;
  remove(staffId: string): Promise<void>;
}
