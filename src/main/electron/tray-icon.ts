/**
 * The tray icon, drawn in code so it needs no image file in the package: a speech bubble, 32 px
 * (shown at 16 pt, sharp on high-density screens). Raw BGRA pixels for nativeImage.createFromBitmap.
 * On macOS it is a template image (black and transparent; the menu bar tints it).
 */
export const TRAY_ICON_SIZE = 32;

export function trayIconPixels(template: boolean, size = TRAY_ICON_SIZE): Buffer {
  const pixels = Buffer.alloc(size * size * 4);
  // Brand blue elsewhere: B, G, R.
  const [b, g, r] = template ? [0, 0, 0] : [0xd0, 0x63, 0x1e];
  const bubble = { left: 2, top: 3, right: size - 3, bottom: size - 10, radius: 7 };
  const inBubble = (x: number, y: number) => {
    if (x < bubble.left || x > bubble.right || y < bubble.top || y > bubble.bottom) return false;
    const cx = Math.min(Math.max(x, bubble.left + bubble.radius), bubble.right - bubble.radius);
    const cy = Math.min(Math.max(y, bubble.top + bubble.radius), bubble.bottom - bubble.radius);
    return (x - cx) ** 2 + (y - cy) ** 2 <= bubble.radius ** 2;
  };
  // The tail under the bubble's left side.
  const inTail = (x: number, y: number) => y > bubble.bottom && y <= size - 3 && x >= 7 && x <= 7 + (size - 3 - y);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      if (!inBubble(x, y) && !inTail(x, y)) continue;
      pixels.set([b, g, r, 0xff], (y * size + x) * 4);
    }
  }
  return pixels;
}
