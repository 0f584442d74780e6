import { createRootRoute, HeadContent, Outlet } from '@tanstack/react-router';
import { PaletteLoader } from '@/components/command-palette/palette-loader';
import { AppHeader } from '@/components/layout/app-header';
import { NotFound } from '@/components/layout/not-found';
import { RouteAnnouncer } from '@/components/layout/route-announcer';
import { SkipLink } from '@/components/layout/skip-link';
import { SessionBanner } from '@/components/sync/session-banner';
import { Toaster } from '@/components/ui/toaster';
import { TooltipProvider } from '@/components/ui/tooltip';
import { UpdatePrompt } from '@/pwa/update-prompt';

export const Route = createRootRoute({
  component: RootLayout,
  notFoundComponent: NotFound,
});

function RootLayout() {
  return (
    <TooltipProvider>
      {/* Route head() titles; React 19 hoists the <title> into <head>. */}
      <HeadContent />
      <SkipLink />
      <div className="flex min-h-dvh flex-col">
        <AppHeader />
        <SessionBanner />
        <main
          id="main"
          tabIndex={-1}
          className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 outline-none sm:px-6 lg:px-8"
        >
          <Outlet />
        </main>
      </div>
      <RouteAnnouncer />
      <Toaster />
      <UpdatePrompt />
      <PaletteLoader />
    </TooltipProvider>
  );
}
