/**
 * A target date (`YYYY-MM-DD`, VA-03) shown in the reader's locale. It is a calendar day with no time
 * zone, so it is built from its parts in local time: parsing the string would read it as UTC midnight
 * and show the day before west of Greenwich.
 */
export function formatReleaseDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return date;
  return new Date(y, m - 1, d).toLocaleDateString(undefined, { dateStyle: 'medium' });
}

export function ReleaseDate({ date, empty = 'No date' }: { date: string | null; empty?: string }) {
  if (!date) return <span className="text-muted-foreground">{empty}</span>;
  return <time dateTime={date}>{formatReleaseDate(date)}</time>;
}
