import { Menu } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import {
  Sheet,
  SheetContent,
  SheetDescription,
  SheetHeader,
  SheetTitle,
  SheetTrigger,
} from '@/components/ui/sheet';
import { PrimaryNav } from './primary-nav';

/** Below 768 px the navigation lives behind a menu button, in a sheet from the left. */
export function MobileNav({ className }: { className?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <Sheet open={open} onOpenChange={setOpen}>
      <SheetTrigger asChild>
        <Button variant="ghost" size="icon" className={className} aria-label="Open navigation">
          <Menu aria-hidden="true" />
        </Button>
      </SheetTrigger>
      <SheetContent side="left" className="w-72">
        <SheetHeader>
          <SheetTitle>Runsheet</SheetTitle>
          <SheetDescription className="sr-only">Go to another part of Runsheet.</SheetDescription>
        </SheetHeader>
        <PrimaryNav layout="list" className="px-3" onNavigate={() => setOpen(false)} />
      </SheetContent>
    </Sheet>
  );
}
