/** Names as people sort them: ignoring case, then by id so every device shows one order (BR-C03). */
export function compareNames(a: { name: string; id: string }, b: { name: string; id: string }): number {
  return (
    a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}
