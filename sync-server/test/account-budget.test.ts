import { afterEach, describe, expect, it, vi } from 'vitest';
import { LocalAccountBudgets } from '../src/relay/account-budget.ts';

/** SE-01: the large sync budget's overdraft, and its debt surviving the sweep of idle accounts. */
afterEach(() => {
  vi.useRealTimers();
});

describe('SE-01: an overdrawn account budget', () => {
  it('SE-01 lets one take of any size through while not in debt, then waits until the debt is paid', () => {
    let now = 0;
    // 16 KB/s, 1 MB of credit: the large sync budget's defaults.
    const budgets = new LocalAccountBudgets(16 * 1024, 1024 * 1024, () => now);
    expect(budgets.take('mia', 3_400_000, true)).toBe(true);
    expect(budgets.take('mia', 1, true)).toBe(false);
    // The debt (3.4 MB - 1 MB) takes about 146 s to pay at 16 KB/s.
    now = 140_000;
    expect(budgets.take('mia', 1, true)).toBe(false);
    now = 150_000;
    expect(budgets.take('mia', 1_700_000, true)).toBe(true);
    // Another account is not charged.
    expect(budgets.take('ada', 1_700_000, true)).toBe(true);
    budgets.close();
  });

  it('SE-01 never forgets an account in debt when it sweeps idle ones; forgets it once it is full again', () => {
    vi.useFakeTimers();
    let now = 0;
    const budgets = new LocalAccountBudgets(16 * 1024, 1024 * 1024, () => now);
    expect(budgets.take('mallory', 3_400_000, true)).toBe(true);
    // Idle for over a minute, still in debt (2.35 MB take 143 s to pay): the sweep keeps it.
    now = 61_000;
    vi.advanceTimersByTime(60_000);
    expect(budgets.take('mallory', 1, true)).toBe(false);
    now = 400_000;
    vi.advanceTimersByTime(60_000);
    now = 500_000;
    vi.advanceTimersByTime(60_000);
    expect(budgets.take('mallory', 1_700_000, true)).toBe(true);
    budgets.close();
  });
});
