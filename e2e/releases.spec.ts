import { expect, test } from './fixtures';

test.describe('creating and editing a release', () => {
  test('FR-001: a regular release needs a version; the reason shows beside the field', async ({
    page,
    releaseForm,
    release,
  }) => {
    await releaseForm.gotoNew();
    await releaseForm.fill({ name: 'Spring release', type: 'Release' });
    await releaseForm.submit();
    await releaseForm.expectFieldError(releaseForm.version, /A version number is required/);
    // Focus goes to the field to fix.
    await expect(releaseForm.version).toBeFocused();

    await releaseForm.fill({ version: 'v2.5.0', date: '2026-03-15', description: 'Quarterly release.' });
    await releaseForm.submit();
    await release.expectLoaded('Spring release');
    await release.expectType('Release');
    await release.expectStatus('Draft');
    await expect(release.facts).toContainText('v2.5.0');
    await expect(release.facts.locator('time')).toHaveAttribute('datetime', '2026-03-15');
    await expect(page.getByText('Quarterly release.')).toBeVisible();
  });

  test('a name is required, and a hotfix needs no version', async ({ releaseForm, release }) => {
    await releaseForm.gotoNew();
    await releaseForm.fill({ type: 'Hotfix' });
    await releaseForm.submit();
    await releaseForm.expectFieldError(releaseForm.name, 'A name is required.');
    await releaseForm.fill({ name: 'Fix login' });
    // The reason goes once the field is changed.
    await expect(releaseForm.name).not.toHaveAttribute('aria-invalid', 'true');
    await releaseForm.submit();
    await release.expectLoaded('Fix login');
    await release.expectType('Hotfix');
    await expect(release.facts).toContainText('No version');
  });

  test('edit changes the fields; switching to type release asks for a version', async ({
    page,
    releaseForm,
    release,
  }) => {
    await releaseForm.create({ name: 'Onboard Acme', type: 'Onboarding' });
    await release.editButton.click();
    await expect(releaseForm.name).toHaveValue('Onboard Acme');
    await releaseForm.fill({ name: 'Onboard Acme and Globex', type: 'Release' });
    await releaseForm.submit('Save changes');
    await releaseForm.expectFieldError(releaseForm.version, /A version number is required/);
    await releaseForm.fill({ version: '1.0.0' });
    await releaseForm.submit('Save changes');
    await release.expectLoaded('Onboard Acme and Globex');
    await release.expectType('Release');
    await expect(page).toHaveURL(/\/releases\/[A-Za-z0-9_-]+$/);
  });

  test('a half-typed release survives a reload and Cancel discards it', async ({ page, releaseForm }) => {
    await releaseForm.gotoNew();
    await releaseForm.fill({ name: 'Half typed', version: 'v9' });
    await page.reload();
    await expect(releaseForm.name).toHaveValue('Half typed');
    await expect(releaseForm.version).toHaveValue('v9');
    await releaseForm.form.getByRole('button', { name: 'Cancel' }).click();
    await expect(page).toHaveURL('/releases');
    await releaseForm.gotoNew();
    await expect(releaseForm.name).toHaveValue('');
  });

  test('an unknown release address says so', async ({ page }) => {
    await page.goto('/releases/doesNotExist');
    await expect(page.getByRole('heading', { level: 1, name: 'Release not found' })).toBeVisible();
    await expect(page).toHaveTitle('Release not found · Runsheet');
  });
});

test.describe('the release list', () => {
  test('FV-002: lists releases with type and status badges, version, date and progress', async ({
    releases,
    releaseForm,
  }) => {
    await releaseForm.create({
      name: 'v2.5.0 rollout',
      type: 'Release',
      version: 'v2.5.0',
      date: '2026-01-15',
    });
    await releaseForm.create({ name: 'Hotfix login', type: 'Hotfix' });
    await releases.shell.navLink('Releases').click();
    await releases.expectLoaded();
    // Newest first.
    await releases.expectNames(['Hotfix login', 'v2.5.0 rollout']);
    const rollout = releases.row('v2.5.0 rollout');
    await expect(rollout.locator('[data-release-type]')).toHaveText('Release');
    await expect(rollout.locator('[data-release-status]')).toHaveText('Draft');
    await expect(rollout).toContainText('v2.5.0');
    await expect(rollout.locator('time')).toHaveAttribute('datetime', '2026-01-15');
    await expect(rollout).toContainText('Not started');
    await expect(releases.row('Hotfix login').locator('[data-release-type]')).toHaveText('Hotfix');
  });

  test('filters by status and type, kept in the address', async ({
    page,
    releases,
    releaseForm,
    release,
  }) => {
    await releaseForm.create({ name: 'Old release', type: 'Release', version: '1.0' });
    await release.archive();
    await releaseForm.create({ name: 'New customer', type: 'Onboarding' });
    await releaseForm.create({ name: 'Urgent fix', type: 'Hotfix' });
    await releases.goto();

    await releases.filterByStatus('Archived');
    await expect(page).toHaveURL(/status=archived/);
    await releases.expectNames(['Old release']);

    await releases.filterByStatus('Draft');
    await releases.filterByType('Hotfix');
    await expect(page).toHaveURL(/status=draft/);
    await expect(page).toHaveURL(/type=hotfix/);
    await releases.expectNames(['Urgent fix']);

    // The filter is in the URL: a reload (or a shared link) shows the same list.
    await page.reload();
    await expect(releases.typeFilter).toHaveText('Hotfix');
    await releases.expectNames(['Urgent fix']);

    await releases.filterByType('Release');
    await expect(releases.noMatch).toBeVisible();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(page).toHaveURL('/releases');
    await expect(releases.table.getByRole('row')).toHaveCount(4);
  });

  test('ignores a filter value that is not a status or type', async ({ page, releases, releaseForm }) => {
    await releaseForm.create({ name: 'Any', type: 'Hotfix' });
    await page.goto('/releases?status=bogus&type=hotfix');
    await releases.expectLoaded();
    await expect(releases.statusFilter).toHaveText('All statuses');
    await expect(releases.typeFilter).toHaveText('Hotfix');
    await releases.expectNames(['Any']);
  });
});

test.describe('lifecycle', () => {
  test('FR-002 / LC-04: archive asks first and freezes the release; un-archive returns it to draft', async ({
    releaseForm,
    release,
    templateSteps,
  }) => {
    await releaseForm.create({ name: 'Short lived', type: 'Hotfix' });
    await release.archiveButton.click();
    await release.archiveDialog.getByRole('button', { name: 'Cancel' }).click();
    await release.expectStatus('Draft');

    await release.archive();
    await expect(release.editButton).toBeHidden();
    await expect(release.activateButton).toBeHidden();
    await release.stepsTab.click();
    await expect(templateSteps.archivedNote).toBeVisible();
    await expect(templateSteps.addButton('Deploy')).toBeHidden();

    await release.unarchiveButton.click();
    await release.expectStatus('Draft');
    await expect(templateSteps.addButton('Deploy')).toBeVisible();
    await expect(release.editButton).toBeVisible();
  });

  test('FR-004: clone makes a new draft with the same template steps and opens it', async ({
    page,
    releaseForm,
    release,
    templateSteps,
    releases,
  }) => {
    await releaseForm.create({ name: 'Base', type: 'Release', version: 'v1.0.0' });
    const baseId = release.idFromUrl();
    await release.stepsTab.click();
    await templateSteps.addStep('Deploy', {
      name: 'Migrate',
      type: 'SQL',
      content: 'ALTER TABLE t ADD c int;',
    });
    await templateSteps.addStep('Verify', { name: 'Smoke', type: 'Bash', content: 'curl -f /healthz' });
    await release.archive();

    await release.cloneButton.click();
    await release.expectLoaded('Base (copy)');
    expect(release.idFromUrl()).not.toBe(baseId);
    await release.expectStatus('Draft');
    await expect(release.facts).toContainText('v1.0.0');
    await expect(page.getByRole('region', { name: /^Notifications/ })).toContainText(
      'A new draft with 2 steps.',
    );
    await release.stepsTab.click();
    await templateSteps.expectNames('Deploy', ['Migrate']);
    await templateSteps.expectNames('Verify', ['Smoke']);

    await page.getByRole('link', { name: 'All releases' }).click();
    await releases.expectLoaded();
    await releases.expectNames(['Base (copy)', 'Base']);
  });
});
