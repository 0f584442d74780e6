/**
 * A number with its noun, the one way the app counts things in words: "1 step", "2 steps", "1,204
 * customers". Every place a number meets a noun goes through here, so none says "1 steps" (a test reads
 * the sources for counts written by hand). English is the app's one language; irregular plurals are
 * given (`count(n, 'entity', 'entities')`).
 */
// Not an Intl.NumberFormat made when this module loads: making the first one loads the browser's number
// data, the largest single cost of the app's start-up task (measured with Lighthouse, docs/BENCHMARKS.md
// "First load"), on pages that never show a count. Counts are whole numbers; the rare other number
// still goes through Intl, made on first use.
let numbers: Intl.NumberFormat | null = null;

/** 1204 -> "1,204", as Intl.NumberFormat('en') writes it. */
function formatNumber(n: number): string {
  if (Number.isSafeInteger(n)) return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
  numbers ??= new Intl.NumberFormat('en');
  return numbers.format(n);
}

export function count(n: number, one: string, many = `${one}s`): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

/** A verb that agrees with a count: `${count(n, 'customer')} ${agree(n, 'takes', 'take')} part`. */
export function agree(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

export const customerCount = (n: number) => count(n, 'customer');
export const stepCount = (n: number) => count(n, 'step');

/** "1 customer takes part", "3 customers take part". */
export const takePart = (n: number) => `${customerCount(n)} ${agree(n, 'takes', 'take')} part`;
