/**
 * Ctrl/Cmd+K and the palette itself, loaded the first time it opens: the palette (cmdk, the catalog
 * lists, every screen's actions) is not needed to paint a page, so the first load does not carry it.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
import { openPaletteAction } from '@/actions/navigation-actions';
import { setPaletteOpen, usePaletteOpen } from './palette-store';

const CommandPalette = lazy(() => import('./command-palette').then((m) => ({ default: m.CommandPalette })));

export function PaletteLoader() {
  const open = usePaletteOpen();
  // Once opened, it stays mounted: closing and opening again is instant.
  const [wanted, setWanted] = useState(false);
  if (open && !wanted) setWanted(true);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const ctx = { open, setOpen: setPaletteOpen };
      // Ctrl/Cmd+K works everywhere, even in a text field: it is no character anyone types.
      if (!openPaletteAction.keyTest?.(event, ctx)) return;
      event.preventDefault();
      void openPaletteAction.perform(ctx);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);

  return wanted ? (
    <Suspense fallback={null}>
      <CommandPalette />
    </Suspense>
  ) : null;
}
