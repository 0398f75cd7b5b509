// Dates in the reader's locale: "5 minutes ago" / "قبل ٥ دقائق" for recent comments, the date for
// older ones, and always the full date and time for the title (shown on hover).

const UNITS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['minute', 60],
  ['hour', 3600],
  ['day', 86_400],
];
const RELATIVE_FOR_SECONDS = 7 * 86_400;

/** The visible and the full form of a comment's date, relative to `now` (milliseconds). */
export function describeTime(locale: string, iso: string, now: number): { text: string; full: string } {
  const date = new Date(iso);
  const full = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeStyle: 'short' }).format(date);
  const seconds = Math.round((date.getTime() - now) / 1000);
  if (-seconds < RELATIVE_FOR_SECONDS && seconds <= 60) {
    const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    let unit: Intl.RelativeTimeFormatUnit = 'second';
    let value = seconds;
    for (const [name, size] of UNITS) {
      if (Math.abs(seconds) < size) break;
      unit = name;
      value = Math.round(seconds / size);
    }
    return { text: unit === 'second' ? relative.format(0, 'second') : relative.format(value, unit), full };
  }
  return { text: new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(date), full };
}
