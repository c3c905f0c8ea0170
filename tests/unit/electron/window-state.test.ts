import { describe, expect, it } from 'vitest';
import { DEFAULT_SIZE, parseWindowState, placeWindow, trackWindowState, type WindowState } from '../../../src/main/electron/window-state';

const laptop = { x: 0, y: 0, width: 1440, height: 860 };
const monitorOnTheRight = { x: 1440, y: 0, width: 1920, height: 1040 };

describe('where the window opens', () => {
  it('where it was left, when a display still shows it', () => {
    const saved: WindowState = { x: 1600, y: 100, width: 1000, height: 700, maximized: false };
    expect(placeWindow(saved, [laptop, monitorOnTheRight])).toEqual(saved);
    expect(placeWindow({ ...saved, maximized: true }, [laptop, monitorOnTheRight]).maximized).toBe(true);
  });

  it('centred on the main display when the monitor it was on is gone', () => {
    const saved: WindowState = { x: 1600, y: 100, width: 1000, height: 700, maximized: false };
    expect(placeWindow(saved, [laptop])).toEqual({ x: 220, y: 80, width: 1000, height: 700, maximized: false });
  });

  it('pulled fully onto the display when it hangs over an edge, and no larger than the display', () => {
    expect(placeWindow({ x: 1000, y: -5, width: 1000, height: 700, maximized: false }, [laptop])).toEqual({ x: 440, y: 0, width: 1000, height: 700, maximized: false });
    expect(placeWindow({ x: 10, y: 10, width: 3000, height: 2000, maximized: false }, [laptop])).toEqual({ x: 0, y: 0, width: 1440, height: 860, maximized: false });
  });

  it('centred at the default size the first time, or when what was kept is damaged', () => {
    const centred = { x: 120, y: 30, ...DEFAULT_SIZE, maximized: false };
    expect(placeWindow(null, [laptop])).toEqual(centred);
    expect(placeWindow(parseWindowState({ x: 'left', y: 1, width: 2, height: 3 }), [laptop])).toEqual(centred);
    expect(parseWindowState(undefined)).toBeNull();
    expect(parseWindowState({ x: 1.4, y: 2, width: 900, height: 600, maximized: true })).toEqual({ x: 1, y: 2, width: 900, height: 600, maximized: true });
  });
});

describe('keeping the window\'s place', () => {
  it('saves once a moment after a drag ends, and at once on maximize and close', () => {
    const listeners = new Map<string, () => void>();
    let bounds = { x: 0, y: 0, width: 900, height: 600 };
    let maximized = false;
    const timers = new Map<number, () => void>();
    let nextTimer = 0;
    const saved: WindowState[] = [];
    trackWindowState(
      { getNormalBounds: () => bounds, isMaximized: () => maximized, on: (event, listener) => listeners.set(event, listener) },
      (state) => saved.push(state),
      { set: (fn) => (timers.set(++nextTimer, fn), nextTimer), clear: (handle) => timers.delete(handle as number) },
    );
    for (let x = 1; x <= 30; x += 1) {
      bounds = { ...bounds, x };
      listeners.get('move')!();
    }
    expect(saved).toEqual([]);
    expect(timers.size).toBe(1);
    [...timers.values()][0]!();
    expect(saved).toEqual([{ x: 30, y: 0, width: 900, height: 600, maximized: false }]);
    maximized = true;
    listeners.get('maximize')!();
    expect(saved.at(-1)).toEqual({ x: 30, y: 0, width: 900, height: 600, maximized: true });
    listeners.get('resize')!();
    listeners.get('close')!();
    expect(saved).toHaveLength(3);
    expect(timers.size).toBe(0);
  });
});
