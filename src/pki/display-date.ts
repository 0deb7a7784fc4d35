/** dd.mm.yyyy (UTC), the way Kazakh portals print certificate dates in messages. */
export function displayDate(date: Date): string {
  return date.toISOString().slice(0, 10).split('-').reverse().join('.');
}
