import { useEffect, useRef, useState } from 'react';
import type { AudienceSelection, Draft } from '../../../../shared/contract';
import { useSaveDraft } from '../../api/send-queries';
import { useSettled } from '../../api/use-settled';

const AUTOSAVE_DELAY_MS = 600;

export interface AutosaveState {
  /** What is on screen is not in main's database yet. */
  unsaved: boolean;
  failed: boolean;
  /** When main last kept the draft; null when there is none (blank, or never saved). */
  savedAt: number | null;
}

/**
 * Keeps the draft in main's database as staff type: a pause in typing saves it, and leaving
 * the screen saves what the pause had not caught yet.
 */
export function useAutosave(draft: Draft, initial: Draft, initialSavedAt: number | null): AutosaveState {
  const { mutate, isError } = useSaveDraft();
  const settled = useSettled(draft, AUTOSAVE_DELAY_MS);
  const [saved, setSaved] = useState({ draft: initial, at: initialSavedAt });
  const requested = useRef(initial);
  const latest = useRef(draft);
  useEffect(() => {
    latest.current = draft;
  }, [draft]);

  useEffect(() => {
    if (same(settled, requested.current)) return;
    requested.current = settled;
    mutate(settled, { onSuccess: ({ updatedAt }) => setSaved({ draft: settled, at: updatedAt }) });
  }, [settled, mutate]);

  useEffect(
    () => () => {
      if (!same(latest.current, requested.current)) mutate(latest.current);
    },
    [mutate],
  );
  return { unsaved: !same(draft, saved.draft), failed: isError, savedAt: saved.at };
}

const same = (a: Draft, b: Draft) => a.to === b.to && a.body === b.body && sameSelection(a.selection ?? {}, b.selection ?? {});

/** Part by part, since a selection read back from main may list its parts in another order than the pickers made them. */
const sameSelection = (a: AudienceSelection, b: AudienceSelection) =>
  selectionParts.every((part) => JSON.stringify(a[part]) === JSON.stringify(b[part]));
const selectionParts = ['families', 'studentsOf', 'staff', 'classes', 'tags', 'contactIds'] as const satisfies readonly (keyof AudienceSelection)[];
