const FORMAT = new Intl.DateTimeFormat('ru-RU', {
  timeZone: 'Asia/Almaty', day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit',
});

/** dd.mm.yyyy hh:mm in Kazakhstan's time (one zone, UTC+5, since March 2024), as the portals print times. */
export function displayTime(date: Date): string {
  return FORMAT.format(date).replace(',', '');
}
