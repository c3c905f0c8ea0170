import { create } from 'zustand';
import { persist } from 'zustand/middleware';

interface AttentionState {
  /** A short chime when a reply arrives; kept on this computer, per browser or app. */
  sound: boolean;
  setSound(sound: boolean): void;
}

export const useAttentionSettings = create<AttentionState>()(
  persist(
    (set) => ({
      sound: true,
      setSound: (sound) => set({ sound }),
    }),
    { name: 'sms-desk-attention' },
  ),
);
