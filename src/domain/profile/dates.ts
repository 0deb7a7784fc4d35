/**
 * The date of birth an IIN encodes (YYYY-MM-DD): digits 1–6 are YYMMDD and digit 7 gives the century (1–2: 1800s,
 * 3–4: 1900s, 5–6: 2000s). Null when the IIN does not encode one, as for some foreign residents.
 */
export function birthDateOfIin(iin: string): string | null {
  const centuryDigit = Number(iin[6]);
  if (!/^\d{12}$/.test(iin) || centuryDigit < 1 || centuryDigit > 6) return null;
  const year = 1800 + 100 * Math.floor((centuryDigit - 1) / 2) + Number(iin.slice(0, 2));
  const date = `${year}-${iin.slice(2, 4)}-${iin.slice(4, 6)}`;
  return isCalendarDate(date) ? date : null;
}

/** YYYY-MM-DD naming a day that exists (no 31 April). */
export function isCalendarDate(date: string): boolean {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(date) ? new Date(`${date}T00:00:00Z`) : undefined;
  // Date rolls 31 April over to 1 May instead of refusing it.
  return day !== undefined && !Number.isNaN(day.getTime()) && day.toISOString().startsWith(date);
}

/** 2026-11-22 → 22.11.2026, as Kazakh documents print dates. */
export const displayDate = (date: string): string => date.split('-').reverse().join('.');
