import {
  createMemoryHistory,
  createRootRoute,
  createRoute,
  createRouter,
  RouterProvider,
} from '@tanstack/react-router';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { RouteError } from './route-error';

/** A router whose one page fails while loading, with RouteError as its errorComponent. */
async function failingPage(path: string) {
  const root = createRootRoute();
  const page = createRoute({
    getParentRoute: () => root,
    path,
    loader: () => {
      throw new Error('the projection is gone');
    },
    component: () => <p>never shown</p>,
    errorComponent: RouteError,
  });
  const router = createRouter({
    routeTree: root.addChildren([page]),
    history: createMemoryHistory({ initialEntries: [path.replace('$id', 'x')] }),
  });
  await router.load();
  return renderToStaticMarkup(<RouterProvider router={router} />);
}

describe('a page that cannot be shown', () => {
  it('says so calmly, offers to try again, and leads back to the list it belongs to', async () => {
    const html = await failingPage('/customers/$id');
    expect(html).toContain('This page could not be shown');
    expect(html).toContain('Try again');
    expect(html).toMatch(/<a[^>]*href="\/customers"[^>]*>Back to customers<\/a>/);
    // The reason is there for a bug report, folded away.
    expect(html).toContain('<details');
    expect(html).toContain('the projection is gone');
    expect(html).not.toContain('never shown');
  });

  it('leads back to the clusters from a cluster page, and home from elsewhere', async () => {
    expect(await failingPage('/clusters/$id')).toMatch(/href="\/clusters"[^>]*>Back to clusters</);
    expect(await failingPage('/elsewhere')).toMatch(/href="\/"[^>]*>Go to the dashboard</);
  });
});
