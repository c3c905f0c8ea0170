import { create } from 'zustand';
import type { DesktopAction } from '../../../../shared/desktop/shortcuts';

interface DesktopActionState {
  /** The last action asked for (a key, or main's tray and menu), numbered so the same one twice is seen twice. */
  asked: { action: DesktopAction; n: number } | null;
  ask(action: DesktopAction): void;
  /** The keyboard shortcuts sheet. */
  sheetOpen: boolean;
  setSheetOpen(open: boolean): void;
}

/** UI-only: what the keys, the tray and the menu asked of the desk (shortcuts.tsx carries it out). */
export const useDesktopActions = create<DesktopActionState>()((set) => ({
  asked: null,
  ask: (action) => set((state) => ({ asked: { action, n: (state.asked?.n ?? 0) + 1 } })),
  sheetOpen: false,
  setSheetOpen: (sheetOpen) => set({ sheetOpen }),
}));
