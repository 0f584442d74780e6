import type { Progress } from '@runsheet/domain';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ProgressBar } from './progress-bar';

/** The words under the bar, tags stripped, as a person reads them. */
function words(progress: Progress): string {
  return renderToStaticMarkup(<ProgressBar progress={progress} label="Progress" />)
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ');
}

const progress = (total: number, done: number, skipped = 0): Progress => ({
  total,
  done,
  skipped,
  pending: total - done - skipped,
  reverted: 0,
  donePercent: Math.floor((done / total) * 100),
  completePercent: Math.floor(((done + skipped) / total) * 100),
});

describe('PR-02 progress bar words (the customer view and release page showed "1 steps")', () => {
  it('counts one step in the singular', () => {
    const text = words(progress(1, 1));
    expect(text).toContain('100% complete · 100% done · 1 step');
    expect(text).not.toMatch(/\b1 steps\b/);
  });

  it('counts any other number in the plural, grouped by thousands', () => {
    expect(words(progress(2, 1))).toContain('· 2 steps');
    expect(words(progress(1204, 1204))).toContain('· 1,204 steps');
  });
});
