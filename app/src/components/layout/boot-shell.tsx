/**
 * What the first paint shows while the app proper (router, data core, sync) loads and the workspace
 * opens: the header's frame and, on a top-level page, its heading, in the very markup the app then
 * renders in their place, so nothing moves. Needs nothing but React: main.tsx paints it before it
 * fetches the rest, and the workspace shows it again until its data is open.
 */
import { APP_NAME } from '@/lib/page-title';
import { PageHeader } from './page-header';
import { headingFor } from './page-headings';
import { SectionIntro } from './section-intro';

export function BootShell() {
  const heading = headingFor(window.location.pathname);
  return (
    <div className="flex min-h-dvh flex-col">
      <header className="sticky top-0 z-40 border-b print:hidden bg-background/95 backdrop-blur supports-[backdrop-filter]:bg-background/80">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 px-4 sm:px-6 lg:flex-nowrap lg:px-8">
          <div className="flex h-14 items-center gap-2 pl-10 md:pl-0">
            <span className="flex items-center gap-2 font-semibold text-base tracking-tight">
              <img src="/favicon.svg" alt="" width={24} height={24} className="size-6" />
              {APP_NAME}
            </span>
          </div>
        </div>
      </header>
      <main className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 sm:px-6 lg:px-8">
        {heading && <PageHeader title={heading.title} description={heading.description} />}
        {heading?.lead ? (
          // The page's first section as the page lays it out (settings: "Your data").
          <section aria-labelledby={heading.lead.id} className="grid gap-4">
            <SectionIntro {...heading.lead} />
            <OpeningStatus />
          </section>
        ) : (
          <OpeningStatus />
        )}
      </main>
    </div>
  );
}

function OpeningStatus() {
  return (
    <p className="text-muted-foreground" role="status">
      Opening your workspace…
    </p>
  );
}
