/**
 * The heading of each top-level page, in one table: the page renders it, and the start-up shell
 * (boot-shell.tsx) paints it before the app has loaded, so both always say the same thing.
 */
export interface PageHeading {
  title: string;
  description: string;
  /**
   * The page's first section, when its intro needs no data: the shell paints it too, so the first
   * screen already holds the page's largest text and nothing below the heading moves when the app
   * takes over (largest contentful paint, layout shift).
   */
  lead?: { id: string; title: string; description: string };
}

export const PAGE_HEADINGS = {
  '/': { title: 'Dashboard', description: 'Active releases and what happened last, at a glance.' },
  '/releases': {
    title: 'Releases',
    description: 'Onboardings, regular releases and hotfixes, with their progress across customers.',
  },
  '/customers': {
    title: 'Customers',
    description: 'Every customer, grouped by the cluster its namespace lives on.',
  },
  '/inventory': {
    title: 'Inventory',
    description: 'What runs where: the version each customer runs, and how far behind the newest it is.',
  },
  '/clusters': { title: 'Clusters', description: 'The Kubernetes clusters your customers run on.' },
  '/settings': {
    title: 'Settings',
    description: 'This device, its data and how it syncs.',
    lead: {
      id: 'settings-data',
      title: 'Your data',
      description:
        'It lives in this browser. Keep a backup: it restores everything, here or on another device.',
    },
  },
} as const satisfies Record<string, PageHeading>;

/** The heading of the page at `pathname`, if it is a top-level page. */
export function headingFor(pathname: string): PageHeading | null {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  return path in PAGE_HEADINGS ? (PAGE_HEADINGS[path as keyof typeof PAGE_HEADINGS] as PageHeading) : null;
}
