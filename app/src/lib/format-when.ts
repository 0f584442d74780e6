// Dates as the screens show them (step panel, customer view, dashboard), in the reader's locale.

/** A local date and time, e.g. "15 Jan 2026, 10:30". */
export function formatWhen(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
