import { expect, test } from './matrix-fixtures';
import { defineSpec, runCommand, seedDefault, seedRelease, stepIdOf } from './support/seed';

// FV-003: the release matrix in the body of the release page.

test.describe('release matrix', () => {
  test('FV-003 / BR-C03: steps as rows, customers as columns grouped by cluster, each with its cluster / namespace', async ({
    page,
    matrix,
  }) => {
    const s = await seedDefault(page);
    await matrix.goto(s.releaseId);
    expect(await matrix.columnNames()).toEqual(['prod-eu', 'Acme', 'Beta', 'prod-us', 'Cobalt']);
    expect(await matrix.stepNames()).toEqual(['Deploy app', 'Run migration', 'Update config']);
    await expect(matrix.customerHeader('Acme')).toContainText('prod-eu / acme-prod');
    await expect(matrix.customerHeader('Cobalt')).toContainText('prod-us / cobalt-prod');
    await expect(matrix.clusterHeader('prod-eu')).toContainText('2 customers');
    // ARIA grid: counts include the header row and the step column; drawn cells carry their indexes.
    await expect(matrix.grid).toHaveAttribute('aria-rowcount', '4');
    await expect(matrix.grid).toHaveAttribute('aria-colcount', '6');
    await expect(matrix.cell('Deploy app', 'Acme')).toHaveAttribute('aria-colindex', '3');
    await expect(matrix.row('Run migration')).toHaveAttribute('aria-rowindex', '3');
    for (const word of ['Pending', 'Done', 'Skipped', 'Reverted', 'Overridden', 'Custom step', 'Has notes']) {
      await expect(matrix.legend.getByText(word, { exact: true })).toBeVisible();
    }
  });

  test('cells show done, pending, skipped, reverted with icon and word; markers for overridden, custom and notes', async ({
    page,
    matrix,
  }) => {
    const s = await seedDefault(page);
    const r = s.releaseId;
    const step = (c: keyof typeof s.customers, t: keyof typeof s.templates) =>
      stepIdOf(s.customers[c], s.templates[t]);
    await runCommand(page, 'markDone', { releaseId: r, stepId: step('acme', 'deploy') });
    await runCommand(page, 'skipStep', {
      releaseId: r,
      stepId: step('beta', 'migrate'),
      reason: 'no database',
    });
    await runCommand(page, 'markDone', { releaseId: r, stepId: step('cobalt', 'deploy') });
    await runCommand(page, 'revertStep', {
      releaseId: r,
      stepId: step('cobalt', 'deploy'),
      reason: 'rollback',
    });
    await runCommand(page, 'overrideStep', {
      releaseId: r,
      stepId: step('acme', 'config'),
      content: 'echo own',
    });
    await runCommand(page, 'setNotes', { releaseId: r, stepId: step('beta', 'deploy'), notes: 'slow' });
    await runCommand(page, 'addCustomStep', {
      releaseId: r,
      customerId: s.customers.acme,
      name: 'Warm cache',
      category: 'deploy',
      type: 'bash',
      content: 'echo warm',
      position: { after: step('acme', 'deploy') },
    });
    await matrix.goto(r);

    await matrix.expectStatus('Deploy app', 'Acme', 'done');
    await expect(matrix.cell('Deploy app', 'Acme')).toContainText('Done');
    await matrix.expectStatus('Run migration', 'Beta', 'skipped');
    await expect(matrix.cell('Run migration', 'Beta')).toContainText('Skipped');
    await matrix.expectStatus('Deploy app', 'Cobalt', 'reverted');
    await expect(matrix.cell('Deploy app', 'Cobalt')).toContainText('Reverted');
    await matrix.expectStatus('Run migration', 'Acme', 'pending');
    await expect(matrix.cell('Run migration', 'Acme')).toContainText('Pending');
    // Markers are icons with words for screen readers, not colour.
    await expect(matrix.cell('Update config', 'Acme')).toHaveAccessibleName(/: Pending Overridden$/);
    await expect(matrix.cell('Deploy app', 'Beta')).toHaveAccessibleName(/: Pending Has notes$/);
    // The custom step sits where it was put, only in its customer's column.
    expect(await matrix.stepNames()).toEqual(['Deploy app', 'Warm cache', 'Run migration', 'Update config']);
    await expect(matrix.rowHeader('Warm cache')).toContainText('for Acme');
    await expect(matrix.cell('Warm cache', 'Acme')).toHaveAccessibleName(/: Pending Custom step$/);
    await expect(matrix.cell('Warm cache', 'Beta')).toHaveAccessibleName(/not a step of this customer$/);
    // Cluster columns sum their customers.
    await expect(matrix.clusterCell('Deploy app', 'prod-eu')).toContainText('1/2 done');
    await expect(matrix.clusterCell('Run migration', 'prod-eu')).toContainText('1 skipped');
    // FET-005 / PR-02 / PR-03: the headers carry the domain's releaseProgress. Acme 1 of 5 done (its custom
    // step counts), Beta 1 of 4 skipped (complete), Cobalt reverted (open work); the cluster averages them.
    await expect(matrix.customerHeader('Acme')).toContainText('20% complete');
    await expect(matrix.customerHeader('Beta')).toContainText('25% complete');
    await expect(matrix.customerHeader('Cobalt')).toContainText('0% complete');
    await expect(matrix.clusterHeader('prod-eu')).toContainText('2 customers · 22%');
  });

  test('Deploy and Verify tabs; the tab is kept in the URL', async ({ page, matrix }) => {
    const s = await seedDefault(page);
    await matrix.goto(s.releaseId);
    await expect(matrix.deployTab).toHaveAttribute('aria-selected', 'true');
    await matrix.verifyTab.click();
    await expect(matrix.verifyTab).toHaveAttribute('aria-selected', 'true');
    await expect.poll(() => matrix.stepNames()).toEqual(['Health check']);
    await expect(page).toHaveURL(/[?&]tab=verify/);
    await page.reload();
    await expect(matrix.verifyTab).toHaveAttribute('aria-selected', 'true');
    await expect.poll(() => matrix.stepNames()).toEqual(['Health check']);
  });

  test('FR-007: filters by cluster and by status, kept in the URL; a bad link falls back to all', async ({
    page,
    matrix,
  }) => {
    const s = await seedDefault(page);
    const r = s.releaseId;
    await runCommand(page, 'skipStep', {
      releaseId: r,
      stepId: stepIdOf(s.customers.beta, s.templates.migrate),
      reason: 'no database',
    });
    await matrix.goto(r);
    await matrix.filterCluster('prod-us');
    await expect.poll(() => matrix.columnNames()).toEqual(['prod-us', 'Cobalt']);
    await expect(page).toHaveURL(/[?&]cluster=cluster/);
    await matrix.filterCluster('All clusters');
    await expect.poll(() => matrix.columnNames()).toEqual(['prod-eu', 'Acme', 'Beta', 'prod-us', 'Cobalt']);

    await matrix.filterStatus('Skipped');
    await expect.poll(() => matrix.stepNames()).toEqual(['Run migration']);
    expect(await matrix.columnNames()).toEqual(['prod-eu', 'Beta']);
    await expect(matrix.summary).toHaveText('1 of 3 steps · 1 of 3 customers');
    await expect(page).toHaveURL(/[?&]status=skipped/);

    await matrix.goto(r, 'tab=nope&status=bogus&cluster=42');
    await expect(matrix.deployTab).toHaveAttribute('aria-selected', 'true');
    await expect(matrix.statusFilter).toHaveText('All statuses');
    await expect(matrix.clusterFilter).toHaveText('All clusters');
    expect(await matrix.stepNames()).toEqual(['Deploy app', 'Run migration', 'Update config']);
  });

  test('clusters fold into their cluster column; expand all and collapse all', async ({ page, matrix }) => {
    const s = await seedDefault(page);
    await matrix.goto(s.releaseId);
    await expect(matrix.expandAll).toBeDisabled();
    await matrix.collapseAll.click();
    await expect.poll(() => matrix.columnNames()).toEqual(['prod-eu', 'prod-us']);
    await expect(matrix.clusterHeader('prod-eu')).toHaveAttribute('aria-expanded', 'false');
    await expect(matrix.collapseAll).toBeDisabled();
    await matrix.clusterHeader('prod-eu').click();
    await expect.poll(() => matrix.columnNames()).toEqual(['prod-eu', 'Acme', 'Beta', 'prod-us']);
    await matrix.expandAll.click();
    await expect.poll(() => matrix.columnNames()).toEqual(['prod-eu', 'Acme', 'Beta', 'prod-us', 'Cobalt']);
  });

  test('keyboard: arrows move a roving focus over every cell and header; Enter acts; Escape returns to the cell', async ({
    page,
    matrix,
  }) => {
    const s = await seedDefault(page);
    await matrix.goto(s.releaseId);
    // One tab stop for the whole grid.
    await expect(matrix.grid.locator('[tabindex="0"]')).toHaveCount(1);
    await matrix.collapseAll.focus();
    await page.keyboard.press('Tab');
    await matrix.expectFocusAt(0, 0);

    await page.keyboard.press('ArrowRight');
    await matrix.expectFocusAt(0, 1);
    await expect(matrix.cell('Deploy app', 'Acme')).toBeFocused();
    await page.keyboard.press('ArrowDown');
    await expect(matrix.cell('Run migration', 'Acme')).toBeFocused();
    await page.keyboard.press('Home');
    await expect(matrix.rowHeader('Run migration')).toBeFocused();
    await page.keyboard.press('End');
    await expect(matrix.cell('Run migration', 'Cobalt')).toBeFocused();
    await page.keyboard.press('Control+Home');
    await matrix.expectFocusAt(-1, -1);
    await page.keyboard.press('ArrowRight');
    await expect(matrix.clusterHeader('prod-eu')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(matrix.clusterHeader('prod-eu')).toHaveAttribute('aria-expanded', 'false');
    await expect(matrix.clusterHeader('prod-eu')).toBeFocused();
    await page.keyboard.press(' ');
    await expect(matrix.clusterHeader('prod-eu')).toHaveAttribute('aria-expanded', 'true');

    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    await expect(matrix.cell('Deploy app', 'Acme')).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog', { name: 'Deploy app' })).toBeVisible();
    await expect(page).toHaveURL(/[?&]step=step/);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();
    await expect(matrix.cell('Deploy app', 'Acme')).toBeFocused();
    await expect(page).not.toHaveURL(/[?&]step=/);
  });

  test('FV-003 keyboard: focus follows every arrow key while the release keeps changing underneath', async ({
    page,
    matrix,
  }) => {
    // A render committed just before a key (a data change) once ran its effect first, with the position
    // of before the key: focus went back to the cell the key left while the grid's one tab stop moved on
    // (2 of these 60 keys, and 24 to 31 of 80 in a first version of this test, before the fix). A writer
    // changing a step's notes every few ms makes such renders constant.
    const s = await seedDefault(page);
    await matrix.goto(s.releaseId, 'bench=1');
    await page.waitForFunction(() => '__runsheet' in window);
    const stepId = stepIdOf(s.customers.cobalt, s.templates.config);
    await page.evaluate(
      ({ releaseId, stepId }) => {
        const rs = (window as unknown as { __runsheet: { run(n: string, i: unknown): Promise<unknown> } })
          .__runsheet;
        let n = 0;
        const tick = () => {
          void rs.run('setNotes', { releaseId, stepId, notes: `note ${n++}` });
          if (n < 5000) setTimeout(tick, 4);
        };
        tick();
      },
      { releaseId: s.releaseId, stepId },
    );
    await matrix.grid.locator('[tabindex="0"]').focus();
    const lost: string[] = [];
    for (let i = 0; i < 60; i++) {
      await page.keyboard.press(i % 2 ? 'ArrowLeft' : 'ArrowRight');
      // Read a little later, in one go: the grid's one tab stop and the focused element must be the same.
      await page.waitForTimeout(20);
      const { focused, stop } = await page.evaluate(() => ({
        focused: document.activeElement?.getAttribute('data-pos') ?? null,
        stop: document.querySelector('[role="grid"] [tabindex="0"]')?.getAttribute('data-pos') ?? null,
      }));
      if (focused !== stop) {
        lost.push(`key ${i}: focus on ${focused}, tab stop on ${stop}`);
        await matrix.grid.locator('[tabindex="0"]').focus();
      }
    }
    expect(lost).toEqual([]);
  });

  test('a large release is virtualised: only what is on screen is drawn, and the keyboard reaches the far end', async ({
    page,
    matrix,
  }) => {
    const clusters = ['c-a', 'c-b', 'c-c'] as const;
    const customers = Array.from({ length: 90 }, (_, i) => ({
      key: `k${i}`,
      name: `Customer ${String(i).padStart(2, '0')}`,
      namespace: `ns-${i}`,
      cluster: clusters[i % 3] as (typeof clusters)[number],
    }));
    const templates = Array.from({ length: 40 }, (_, i) => ({
      key: `t${i}`,
      name: `Step ${String(i).padStart(2, '0')}`,
      category: 'deploy' as const,
      type: 'bash' as const,
      content: `echo ${i}`,
    }));
    const s = await seedRelease(page, defineSpec({ clusters, customers, templates }));
    await matrix.goto(s.releaseId);
    await expect(matrix.grid).toHaveAttribute('aria-colcount', String(90 + 3 + 1));
    await expect(matrix.grid).toHaveAttribute('aria-rowcount', String(40 + 1));
    const drawn = await matrix.grid.getByRole('gridcell').count();
    expect(drawn).toBeGreaterThan(0);
    expect(drawn).toBeLessThan(((90 + 3) * 40) / 4);

    await matrix.grid.locator('[tabindex="0"]').focus();
    await page.keyboard.press('Control+End');
    await expect(matrix.cell('Step 39', 'Customer 89')).toBeFocused();
    await expect.poll(() => matrix.isScrolledIntoGrid(matrix.cell('Step 39', 'Customer 89'))).toBe(true);
    await expect(matrix.cell('Step 00', 'Customer 00')).toHaveCount(0);
  });

  test('RM-06 a release of more than 5,000 step states paints its matrix computed in slices, and follows status and template changes', async ({
    page,
    matrix,
  }) => {
    const clusters = ['c-a', 'c-b'] as const;
    const customers = Array.from({ length: 130 }, (_, i) => ({
      key: `k${i}`,
      name: `Customer ${String(i).padStart(3, '0')}`,
      namespace: `ns-${i}`,
      cluster: clusters[i % 2] as (typeof clusters)[number],
    }));
    const templates = [
      ...Array.from({ length: 40 }, (_, i) => ({
        key: `t${i}`,
        name: `Step ${String(i).padStart(2, '0')}`,
        category: 'deploy' as const,
        type: 'bash' as const,
        content: `echo ${i}`,
      })),
      { key: 'check', name: 'Check', category: 'verify' as const, type: 'bash' as const, content: 'echo ok' },
    ];
    const s = await seedRelease(page, defineSpec({ clusters, customers, templates }));
    // Every deploy step done: 130 x 40 = 5,200 step states, over the 5,000 computed at once.
    const customerIds = Object.values(s.customers) as string[];
    await page.evaluate(
      async ({ releaseId, customerIds }) => {
        type Run = (name: string, input: unknown) => Promise<{ ok: boolean; error?: { code: string } }>;
        const rs = (window as unknown as { __runsheet: { run: Run; flush: () => Promise<void> } }).__runsheet;
        for (const customerId of customerIds) {
          const r = await rs.run('bulkMarkDone', { releaseId, customerId, category: 'deploy' });
          if (!r.ok) throw new Error(r.error?.code);
        }
        await rs.flush();
      },
      { releaseId: s.releaseId, customerIds },
    );
    // A fresh page: its first matrix is computed in slices.
    await matrix.goto(s.releaseId);
    await matrix.expectStatus('Step 00', 'Customer 000', 'done');
    await matrix.expectStatus('Step 01', 'Customer 002', 'done');
    await expect(matrix.grid).toHaveAttribute('aria-colcount', String(130 + 2 + 1));

    // With the test API (bench=1), to run commands on this page while its matrix is shown.
    await matrix.goto(s.releaseId, 'tab=verify&bench=1');
    await page.waitForFunction(() => '__runsheet' in window);
    const first = s.customers.k0;
    const check = s.templates.check;
    if (!first || !check) throw new Error('customer k0 or template check was not seeded');
    await matrix.expectStatus('Check', 'Customer 000', 'pending');
    // A status change patches its cell.
    await runCommand(page, 'markDone', {
      releaseId: s.releaseId,
      stepId: stepIdOf(first, check),
    });
    await matrix.expectStatus('Check', 'Customer 000', 'done');
    // A new template is a full recompute (in slices again): its row appears, the done cell stays done.
    await runCommand(page, 'addTemplate', {
      releaseId: s.releaseId,
      name: 'Smoke',
      category: 'verify',
      type: 'bash',
      content: 'echo smoke',
    });
    await matrix.expectStatus('Smoke', 'Customer 000', 'pending');
    await matrix.expectStatus('Check', 'Customer 000', 'done');
  });
});
