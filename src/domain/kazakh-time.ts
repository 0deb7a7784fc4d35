import { displayDate } from './profile/dates.ts';

/**
 * Kazakhstan has kept one zone, UTC+5, since 1 March 2024 00:00 (UTC+6), when Almaty and the east set their clocks
 * back an hour; they had been at UTC+6 without summer time since 2005. Written out rather than asked of
 * Intl.DateTimeFormat, whose time-zone data costs the process about 8 MB of memory.
 */
const UNIFIED_FROM = Date.UTC(2024, 1, 29, 18);
const HOUR = 3_600_000;

/** The wall-clock time in Kazakhstan at `instant`, as an ISO string without a zone to speak of (its "Z" is not UTC). */
const wallClock = (instant: Date): string =>
  new Date(instant.getTime() + (instant.getTime() >= UNIFIED_FROM ? 5 : 6) * HOUR).toISOString();

/** Today in Kazakhstan (YYYY-MM-DD), where documents are dated. */
export const kazakhToday = (now: Date): string => wallClock(now).slice(0, 10);

/** dd.mm.yyyy hh:mm in Kazakhstan's time, as the portals print times. */
export function displayTime(instant: Date): string {
  const local = wallClock(instant);
  return `${displayDate(local.slice(0, 10))} ${local.slice(11, 16)}`;
}
