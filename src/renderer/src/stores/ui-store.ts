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
  /** The Settings tab to open next (e.g. 'sms' from Compose's "Open Settings → SMS"); null: the first. */
  settingsTab: string | null;
  openSettings(tab: string): void;
  /** The conversation the Messenger Center opens next (e.g. from a contact's page); null: none. */
  threadPhone: string | null;
  openThread(phone: string): void;
}

/** UI-only state. Anything that comes from main lives in react-query, never here. */
export const useUi = create<UiState>()(
  persist(
    (set) => ({
      theme: 'system',
      area: 'Compose',
      setTheme: (theme) => set({ theme }),
      setArea: (area) => set({ area, settingsTab: null, threadPhone: null }),
      settingsTab: null,
      openSettings: (tab) => set({ area: 'Settings', settingsTab: tab }),
      threadPhone: null,
      openThread: (phone) => set({ area: 'Messenger Center', threadPhone: phone }),
    }),
    { name: 'sms-desk-ui', partialize: (state) => ({ theme: state.theme }) },
  ),
);
