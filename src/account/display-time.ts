/**
 * Kazakhstan has kept one zone, UTC+5, since 1 March 2024 00:00 (UTC+6), when Almaty and the east set their clocks
 * back an hour; they had been at UTC+6 without summer time since 2005. Written out rather than asked of
 * Intl.DateTimeFormat, whose time-zone data costs the process about 8 MB of memory for this one format.
 */
const UNIFIED_FROM = Date.UTC(2024, 1, 29, 18);
const HOUR = 3_600_000;

const twoDigits = (value: number) => String(value).padStart(2, '0');

/** dd.mm.yyyy hh:mm in Kazakhstan's time, as the portals print times. */
export function displayTime(date: Date): string {
  const local = new Date(date.getTime() + (date.getTime() >= UNIFIED_FROM ? 5 : 6) * HOUR);
  return `${twoDigits(local.getUTCDate())}.${twoDigits(local.getUTCMonth() + 1)}.${local.getUTCFullYear()} ${twoDigits(local.getUTCHours())}:${twoDigits(local.getUTCMinutes())}`;
}
