/**
 * The sound and buzz of "Paid" at a counter: two short rising tones made
 * with Web Audio (no sound file to fetch), and a vibration where the device
 * has one. Browsers start audio only after a user gesture, so the audio
 * context is made when staff press the button that makes the link.
 */

let audio: AudioContext | undefined;

/** Called from a user gesture: the chime may play later. */
export function unlockSound() {
  try {
    audio ??= new AudioContext();
    void audio.resume().catch(() => undefined);
  } catch {
    // No Web Audio: "Paid" shows without a sound.
  }
}

export function chime() {
  navigator.vibrate?.([120, 60, 120]);
  if (!audio) return;
  const start = audio.currentTime + 0.02;
  for (const [index, frequency] of [880, 1318.5].entries()) {
    const at = start + index * 0.16;
    const tone = audio.createOscillator();
    const volume = audio.createGain();
    tone.type = 'sine';
    tone.frequency.value = frequency;
    volume.gain.setValueAtTime(0.0001, at);
    volume.gain.exponentialRampToValueAtTime(0.3, at + 0.02);
    volume.gain.exponentialRampToValueAtTime(0.0001, at + 0.35);
    tone.connect(volume).connect(audio.destination);
    tone.start(at);
    tone.stop(at + 0.4);
  }
}
