/** Time left on a link, ticking once a second while shown. */

import type { ReactiveController, ReactiveControllerHost } from 'lit';

const pad = (n: number) => String(n).padStart(2, '0');

/** `6d 23:59:59`, `1:05:00`, `4:59`; `days` words the day count in the user's language. */
export function formatRemaining(ms: number, days: (count: number) => string): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (d) return `${days(d)} ${pad(h)}:${pad(m)}:${pad(s)}`;
  return h ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** `now` for the host's render, refreshed every second between `start()` and `stop()`. */
export class ClockController implements ReactiveController {
  now = Date.now();
  private timer: ReturnType<typeof setInterval> | undefined;
  private running = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly onTick: () => void = () => {},
  ) {
    host.addController(this);
  }

  start() {
    this.running = true;
    this.tick();
    this.timer ??= setInterval(() => this.tick(), 1000);
  }

  stop() {
    this.running = false;
    clearInterval(this.timer);
    this.timer = undefined;
  }

  hostConnected() {
    if (this.running) this.start();
  }

  hostDisconnected() {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private tick() {
    this.now = Date.now();
    this.onTick();
    this.host.requestUpdate();
  }
}
