/**
 * Keeps the counter's screen on while a customer is to scan it (the Screen
 * Wake Lock API). The browser lets go of the lock when the page is hidden;
 * it is taken again when the page shows while still wanted. Where the API
 * is missing or refused, the screen simply follows its own settings.
 */

export class ScreenWake {
  private sentinel: WakeLockSentinel | undefined;
  private wanted = false;
  private readonly onVisible = () => {
    if (document.visibilityState === 'visible' && this.wanted && !this.sentinel) void this.take();
  };

  /** Keeps the screen on from now until `release()`. */
  hold() {
    if (this.wanted) return;
    this.wanted = true;
    document.addEventListener('visibilitychange', this.onVisible);
    void this.take();
  }

  release() {
    if (!this.wanted) return;
    this.wanted = false;
    document.removeEventListener('visibilitychange', this.onVisible);
    void this.sentinel?.release().catch(() => undefined);
    this.sentinel = undefined;
  }

  private async take() {
    if (!('wakeLock' in navigator)) return;
    try {
      const sentinel = await navigator.wakeLock.request('screen');
      if (!this.wanted) return void sentinel.release();
      this.sentinel = sentinel;
      sentinel.addEventListener('release', () => this.sentinel === sentinel && (this.sentinel = undefined));
    } catch {
      // Refused (hidden page, a policy, low battery): nothing more to do.
    }
  }
}
