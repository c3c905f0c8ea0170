/** A chosen audience kept by name; its selection is JSON the audience service reads and checks. */
export interface StoredAudience {
  id: number;
  name: string;
  selection: string;
  updatedAt: number;
}

/** Saved audiences for Compose: "Level 2 Tuesday families", "All staff". */
export interface SavedAudienceStore {
  list(): Promise<StoredAudience[]>;
  get(id: number): Promise<StoredAudience | null>;
  /** Adds (no id) or replaces one; null when the id names none. */
  save(audience: { id: number | null; name: string; selection: string; staffId: string | null; at: number }): Promise<number | null>;
  remove(id: number): Promise<boolean>;
  nameTaken(name: string, exceptId: number | null): Promise<boolean>;
}
