/** "1 customer", "3 customers": counts in sentences people read aloud. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export const customerCount = (n: number) => plural(n, 'customer');
export const stepCount = (n: number) => plural(n, 'step');

/** "1 customer takes part", "3 customers take part". */
export const takePart = (n: number) => `${customerCount(n)} ${n === 1 ? 'takes' : 'take'} part`;
