/** A visible way into the command palette, labelled with its shortcut. */
import { openPaletteAction } from '@/actions/navigation-actions';
import { ActionButton } from '@/components/ui/action-button';
import { setPaletteOpen, usePaletteOpen } from './palette-store';

export function PaletteButton() {
  const open = usePaletteOpen();
  return (
    <ActionButton action={openPaletteAction} ctx={{ open, setOpen: setPaletteOpen }} variant="outline" />
  );
}
