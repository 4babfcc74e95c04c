/**
 * Korea time (Asia/Seoul, UTC+9, no daylight saving) for `yyyyMMddHHmmss`
 * wire timestamps. Arithmetic on the epoch, so the process's own time zone
 * never leaks in.
 */

const KST_OFFSET_MS = 9 * 60 * 60 * 1000;
const WIRE_PATTERN = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `yyyyMMddHHmmss` in Korea time for an instant. */
export function formatKst(instant: Date | number): string {
  const shifted = new Date(+instant + KST_OFFSET_MS);
  return (
    pad(shifted.getUTCFullYear(), 4) +
    pad(shifted.getUTCMonth() + 1) +
    pad(shifted.getUTCDate()) +
    pad(shifted.getUTCHours()) +
    pad(shifted.getUTCMinutes()) +
    pad(shifted.getUTCSeconds())
  );
}

/** The instant a Korea-time `yyyyMMddHHmmss` names, or `null` if it names none (e.g. 20261131…). */
export function parseKst(text: string): Date | null {
  const match = WIRE_PATTERN.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  const date = new Date(utc - KST_OFFSET_MS);
  // Date.UTC rolls 31 November over to 1 December; a real timestamp round-trips.
  return formatKst(date) === text ? date : null;
}

const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The Korea-time calendar day of an instant, `YYYY-MM-DD`: what "today" means at a Korean counter. */
export function kstDate(instant: Date | number): string {
  return new Date(+instant + KST_OFFSET_MS).toISOString().slice(0, 10);
}

/** The Korea-time day `YYYY-MM-DD` names, as epoch ms from its first instant to the next day's; `null` if it names none. */
export function kstDay(date: string): { start: number; end: number } | null {
  const match = DAY_PATTERN.exec(date);
  if (!match) return null;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  const start = Date.UTC(year, month - 1, day) - KST_OFFSET_MS;
  return kstDate(start) === date ? { start, end: start + DAY_MS } : null;
}
