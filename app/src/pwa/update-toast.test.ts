import { describe, expect, it, vi } from 'vitest';
import type { ToastOptions } from '@/components/ui/use-toast';
import { showUpdateToast, UPDATE_TITLE } from './update-toast';

describe('update toast', () => {
  it('stays until the user acts and reloads through the given callback', () => {
    const shown: ToastOptions[] = [];
    const reload = vi.fn();
    showUpdateToast(reload, (options) => {
      shown.push(options);
      return { id: 'x', dismiss: () => undefined };
    });
    expect(shown).toHaveLength(1);
    const [options] = shown;
    expect(options?.title).toBe(UPDATE_TITLE);
    expect(options?.duration).toBe(Number.POSITIVE_INFINITY);
    expect(options?.action?.label).toBe('Reload');
    options?.action?.onClick();
    expect(reload).toHaveBeenCalledOnce();
  });
});
