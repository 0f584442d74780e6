// Types of test-counts.mjs for the test that checks what `npm test` prints for CI log readers.
export interface TestCounter {
  totals: { passed: number; failed: number; skipped: number };
  scan(line: string): void;
  line(): string;
}
export function createTestCounter(): TestCounter;
