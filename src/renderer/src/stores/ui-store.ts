import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export type Theme = 'system' | 'light' | 'dark';
export const areas = ['Compose', 'Messenger Center', 'Contacts', 'Autopilot', 'Credits', 'Reports', 'Settings'] as const;
export type Area = (typeof areas)[number];

interface UiState {
  theme: Theme;
  area: Area;
  setTheme(theme: Theme): void;
  setArea(area: Area): void;
}

/** UI-only state. Anything that comes from main lives in react-query, never here. */
export const useUi = create<UiState>()(
  persist(
    (set) => ({
      theme: 'system',
      area: 'Compose',
      setTheme: (theme) => set({ theme }),
      setArea: (area) => set({ area }),
    }),
    { name: 'sms-desk-ui', partialize: (state) => ({ theme: state.theme }) },
  ),
);
