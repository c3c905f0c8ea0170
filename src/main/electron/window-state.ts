/**
 * The main window opens where it was left: its size and position are kept on every move and resize
 * (desktop-only, beside the settings in userData), and on the next launch put back only where a
 * display still shows them: a monitor unplugged since, or a smaller screen, must not leave the window
 * off-screen. Pure, so it is tested without Electron.
 */

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState extends Rect {
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1200, height: 800 } as const;
export const MIN_SIZE = { width: 800, height: 560 } as const;
/** The window's top strip, where the title bar is, and how much of it must be on a display to be used. */
const TITLE_BAR_HEIGHT = 40;
const VISIBLE_ENOUGH = { width: 120, height: 20 } as const;

/** Reads what was stored; anything damaged or missing is null (the window opens centred). */
export function parseWindowState(raw: unknown): WindowState | null {
  if (!raw || typeof raw !== 'object') return null;
  const value = raw as Record<string, unknown>;
  const numbers = ['x', 'y', 'width', 'height'].map((key) => value[key]);
  if (!numbers.every((n) => typeof n === 'number' && Number.isFinite(n))) return null;
  const [x, y, width, height] = numbers as number[];
  return { x: Math.round(x!), y: Math.round(y!), width: Math.round(width!), height: Math.round(height!), maximized: value.maximized === true };
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

const centredIn = (area: Rect, width: number, height: number): Rect => ({
  x: area.x + Math.round((area.width - width) / 2),
  y: area.y + Math.round((area.height - height) / 2),
  width,
  height,
});

/**
 * Where the window opens. `workAreas`: each display's work area (without task bar or dock), the
 * primary first. The saved place is used when its top strip is on a display, fitted into that
 * display; otherwise the saved (or default) size is centred on the primary display.
 */
export function placeWindow(saved: WindowState | null, workAreas: readonly Rect[]): WindowState {
  const primary = workAreas[0] ?? { x: 0, y: 0, ...DEFAULT_SIZE };
  const fit = (area: Rect, width: number, height: number) => ({
    width: Math.max(Math.min(width, area.width), Math.min(MIN_SIZE.width, area.width)),
    height: Math.max(Math.min(height, area.height), Math.min(MIN_SIZE.height, area.height)),
  });
  if (saved) {
    const titleBar = { x: saved.x, y: saved.y, width: saved.width, height: TITLE_BAR_HEIGHT };
    const home = workAreas.find((area) => {
      const seen = overlap(titleBar, area);
      return seen.width >= Math.min(VISIBLE_ENOUGH.width, saved.width) && seen.height >= Math.min(VISIBLE_ENOUGH.height, saved.height);
    });
    if (home) {
      const size = fit(home, saved.width, saved.height);
      // Pulled inside the display it is on, so no edge is lost past the screen's border.
      const x = Math.min(Math.max(saved.x, home.x), home.x + home.width - size.width);
      const y = Math.min(Math.max(saved.y, home.y), home.y + home.height - size.height);
      return { x, y, ...size, maximized: saved.maximized };
    }
  }
  const size = fit(primary, saved?.width ?? DEFAULT_SIZE.width, saved?.height ?? DEFAULT_SIZE.height);
  return { ...centredIn(primary, size.width, size.height), maximized: saved?.maximized ?? false };
}

/** The part of Electron's BrowserWindow kept track of. */
export interface TrackedWindow {
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  on(event: 'resize' | 'move' | 'maximize' | 'unmaximize' | 'close', listener: () => void): unknown;
}

/**
 * Saves the window's place as it changes: a moment after the last move or resize (a drag sends
 * dozens), and at once when it closes. Normal bounds, so a maximized window comes back to its size
 * from before when un-maximized after the next launch.
 */
export function trackWindowState(
  window: TrackedWindow,
  save: (state: WindowState) => void,
  timers: { set(fn: () => void, ms: number): unknown; clear(handle: unknown): void } = { set: setTimeout, clear: (h) => clearTimeout(h as NodeJS.Timeout) },
  quietMs = 500,
): void {
  let pending: unknown = null;
  const saveNow = () => {
    if (pending !== null) timers.clear(pending);
    pending = null;
    save({ ...window.getNormalBounds(), maximized: window.isMaximized() });
  };
  const saveSoon = () => {
    if (pending !== null) timers.clear(pending);
    pending = timers.set(saveNow, quietMs);
  };
  for (const event of ['resize', 'move'] as const) window.on(event, saveSoon);
  for (const event of ['maximize', 'unmaximize', 'close'] as const) window.on(event, saveNow);
}
