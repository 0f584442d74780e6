import { expect, test } from './fixtures';
import { DashboardPage } from './pages';

interface ManifestIcon {
  src: string;
  sizes: string;
  type: string;
  purpose?: string;
}

test('the web manifest describes an installable app', async ({ request }) => {
  const response = await request.get('/manifest.webmanifest');
  expect(response.ok()).toBe(true);
  const manifest = await response.json();
  expect(manifest).toMatchObject({
    name: 'Runsheet',
    short_name: 'Runsheet',
    start_url: '/',
    scope: '/',
    display: 'standalone',
  });
  expect(manifest.description).toBeTruthy();
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);

  const icons: ManifestIcon[] = manifest.icons;
  const has = (sizes: string, purpose: string) =>
    icons.some(
      (i) => i.sizes === sizes && i.type === 'image/png' && (i.purpose ?? 'any').split(' ').includes(purpose),
    );
  expect(has('192x192', 'any')).toBe(true);
  expect(has('512x512', 'any')).toBe(true);
  expect(has('512x512', 'maskable')).toBe(true);

  for (const icon of icons) {
    const png = await request.get(icon.src);
    expect(png.headers()['content-type']).toBe('image/png');
    const body = await png.body();
    // PNG header: width and height are big-endian at bytes 16 and 20.
    expect(`${body.readUInt32BE(16)}x${body.readUInt32BE(20)}`).toBe(icon.sizes);
  }
});

test('the page links the manifest, favicon and touch icon', async ({ page, request, dashboard }) => {
  await dashboard.goto();
  for (const selector of ['link[rel="manifest"]', 'link[rel="icon"]', 'link[rel="apple-touch-icon"]']) {
    const href = await page.locator(selector).first().getAttribute('href');
    expect(href, selector).toBeTruthy();
    expect((await request.get(href!)).ok(), `${selector} ${href}`).toBe(true);
  }
});

test('Chromium finds nothing that stops installation', async ({ playwright, baseURL }, testInfo) => {
  // Test contexts are incognito, where Chromium never installs apps; a persistent profile is a normal one.
  const profile = testInfo.outputPath('profile');
  const context = await playwright.chromium.launchPersistentContext(profile, {
    ...testInfo.project.use.launchOptions,
    baseURL,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const dashboard = new DashboardPage(page);
    await dashboard.goto();
    await dashboard.shell.waitForServiceWorker();
    const cdp = await context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
  } finally {
    await context.close();
  }
});
