// What `npm test` prints for whoever reads the CI log: one plain closing line with the counts, and no line
// shaped like another runner's closing line that says no test ran. Schemathesis ends each run on a
// pytest-shaped banner ("==== 2 warnings in 14.32s ===="), which a pytest-aware reader takes for a pytest
// run that executed nothing; two landings were judged "ran no test" that way.
import { describe, expect, it } from 'vitest';
import { rewordClosingBanner } from '../../scripts/fuzz.mjs';
import { createTestCounter } from '../../scripts/test-counts.mjs';

/** pytest's last line: "=== 3 passed, 1 warning in 0.12s ===", "=== no tests ran in 0.01s ===". */
const PYTEST_CLOSE = /^=+ .* in [\d.]+s =+$/;

describe('the CI log', () => {
  it.each([
    '============================= 2 warnings in 14.32s =============================',
    '=========================== No issues found in 0.95s ===========================',
    '============================== 3 failures in 1.2s ==============================',
  ])('rewords the Schemathesis banner %s, keeping its words', (banner) => {
    expect(PYTEST_CLOSE.test(banner)).toBe(true);
    const reworded = rewordClosingBanner(banner);
    expect(PYTEST_CLOSE.test(reworded)).toBe(false);
    expect(reworded).toContain(banner.replace(/=+/g, '').split(' in ')[0]?.trim() ?? '');
  });

  it('leaves every other line as it was', () => {
    for (const line of [
      '=================================== SUMMARY ====================================',
      '  116 generated, 116 passed, 6 skipped',
      '',
    ])
      expect(rewordClosingBanner(line)).toBe(line);
  });

  it('totals vitest and Playwright summaries into the plain closing line', () => {
    const counter = createTestCounter();
    for (const line of [
      '\u001b[2m      Tests \u001b[22m \u001b[1m\u001b[32m6 passed\u001b[39m\u001b[22m\u001b[90m (6)\u001b[39m',
      '      Tests  1 failed | 343 passed | 2 skipped (346)',
      '  241 passed (20.5m)',
      '  1 flaky',
      '  2 skipped',
      '  3 passed (12.4s)',
    ])
      counter.scan(line);
    expect(counter.line()).toBe('Tests: 594 passed, 1 failed, 4 skipped');
    expect(counter.line()).toMatch(/^\w+: \d+ passed, \d+ failed(, \d+ skipped)?$/);
  });
});
