/** "1 customer", "3 customers": counts in sentences people read aloud. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export const customerCount = (n: number) => plural(n, 'customer');
export const stepCount = (n: number) => plural(n, 'step');
