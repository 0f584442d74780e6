import { Link } from '@tanstack/react-router';
import { SavingStatus } from '@/components/saving/saving-status';
import { APP_NAME } from '@/lib/page-title';
import { MobileNav } from './mobile-nav';
import { PrimaryNav } from './primary-nav';
import { SyncStatus } from './sync-status';
import { ThemeToggle } from './theme-toggle';

// One row from 1024 px up: brand, navigation, status. From 768 px the navigation wraps to a second row
// of its own (flex order), so it never squeezes or scrolls sideways; below that it moves into a sheet.
export function AppHeader() {
  return (
    <header className="sticky top-0 z-40 border-b print:hidden bg-background/95 backdrop-blur supports-[backdrop-filter]:bg-background/80">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 px-4 sm:px-6 lg:flex-nowrap lg:px-8">
        <div className="flex h-14 items-center gap-2">
          <MobileNav className="-ml-2 md:hidden" />
          <Link
            to="/"
            className="flex items-center gap-2 rounded-md font-semibold text-base tracking-tight focus-visible:outline-2 focus-visible:outline-ring focus-visible:outline-offset-2"
          >
            <img src="/favicon.svg" alt="" width={24} height={24} className="size-6" />
            {APP_NAME}
          </Link>
        </div>
        <PrimaryNav className="order-last hidden w-full border-t py-2 md:block lg:order-none lg:w-auto lg:border-t-0 lg:py-0" />
        <div className="ml-auto flex h-14 items-center gap-2">
          <SavingStatus />
          <SyncStatus />
          <ThemeToggle />
        </div>
      </div>
    </header>
  );
}
