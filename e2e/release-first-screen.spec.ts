import { expect, test } from './fixtures';
import { axeViolations } from './support/axe';
import { defineSpec, runCommand, seedRelease, stepIdOf } from './support/seed';

// The matrix is what a release manager works in: on the first screen of the release page at any size.
// With fifty clusters, their progress is a compact strip that scrolls, not fifty bars above the matrix.

test.describe.configure({ timeout: 120_000 });

const names = Array.from({ length: 50 }, (_, i) => `cluster-${String(i + 1).padStart(2, '0')}`);
const SPEC = defineSpec({
  clusters: names,
  customers: names.map((cluster, i) => ({
    key: `c${i + 1}`,
    name: `Customer ${i + 1}`,
    namespace: `ns-${i + 1}`,
    cluster,
  })),
  templates: [
    { key: 'deploy', name: 'Deploy app', category: 'deploy', type: 'text', content: 'Deploy' },
    { key: 'verify', name: 'Check health', category: 'verify', type: 'text', content: 'Check' },
  ],
});

for (const scheme of ['light', 'dark'] as const) {
  test.describe(`${scheme} theme`, () => {
    test.use({ colorScheme: scheme });

    test('with 50 clusters the matrix starts on the first screen; cluster progress scrolls and sorts', async ({
      page,
      release,
    }) => {
      const s = await seedRelease(page, SPEC);
      // cluster-01's only customer has done everything: first by name, last by "least complete".
      const first = s.customers.c1;
      if (!first) throw new Error('customer c1 was not seeded');
      for (const template of Object.values(s.templates)) {
        await runCommand(page, 'markDone', {
          releaseId: s.releaseId,
          stepId: stepIdOf(first, template),
        });
      }
      await page.goto(`/releases/${s.releaseId}`);
      await release.expectLoaded('v2.5.0');
      await expect(release.clusterProgress.getByRole('progressbar')).toHaveCount(50);

      const viewport = page.viewportSize();
      if (!viewport) throw new Error('no viewport');
      const matrixTop = (await release.matrixRegion.boundingBox())?.y;
      expect(matrixTop, 'the matrix region starts above the fold').toBeLessThan(viewport.height - 100);

      // A strip that scrolls, and takes focus so the keyboard can scroll it.
      const strip = await release.clusterProgress.evaluate((el) => ({
        scrolls: el.scrollHeight > el.clientHeight,
        tabIndex: el.tabIndex,
      }));
      expect(strip).toEqual({ scrolls: true, tabIndex: 0 });
      await release.clusterProgress.focus();
      await page.keyboard.press('End');
      await expect.poll(() => release.clusterProgress.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);

      expect((await release.clusterOrder()).slice(0, 2)).toEqual(['cluster-01', 'cluster-02']);
      await release.sortClusters('Least complete');
      const order = await release.clusterOrder();
      expect(order[0]).toBe('cluster-02');
      expect(order.at(-1)).toBe('cluster-01');
      await expect(release.progress('cluster-01 progress')).toHaveAttribute('aria-valuenow', '100');

      expect(await axeViolations(page)).toEqual([]);
    });
  });
}
