/**
 * A short, soft two-note chime for a new reply, made on the spot (no sound file to ship). Where
 * the page may not play sound yet (no click on it so far) it stays silent instead of failing.
 */
export function playChime(): void {
  const AudioContextClass = globalThis.AudioContext as typeof AudioContext | undefined;
  if (AudioContextClass === undefined) return;
  try {
    const context = new AudioContextClass();
    const start = context.currentTime;
    for (const [index, frequency] of [880, 1175].entries()) {
      const tone = context.createOscillator();
      const volume = context.createGain();
      tone.frequency.value = frequency;
      volume.gain.setValueAtTime(0.0001, start + index * 0.15);
      volume.gain.exponentialRampToValueAtTime(0.15, start + index * 0.15 + 0.02);
      volume.gain.exponentialRampToValueAtTime(0.0001, start + index * 0.15 + 0.3);
      tone.connect(volume).connect(context.destination);
      tone.start(start + index * 0.15);
      tone.stop(start + index * 0.15 + 0.32);
    }
    setTimeout(() => void context.close(), 1_000);
  } catch {
    // No sound device, or the browser refused: the badge and the title still say it.
  }
}
