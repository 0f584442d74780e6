import type { ManifestOptions } from 'vite-plugin-pwa';

// The install metadata. Colours match the light theme's --background and --primary (src/styles.css);
// the icons are drawn by scripts/make-icons.mjs into public/icons/.
export const webManifest: Partial<ManifestOptions> = {
  id: '/',
  name: 'Runsheet',
  short_name: 'Runsheet',
  description: 'Local-first release checklist for shipping one product to many customers on many clusters.',
  start_url: '/',
  scope: '/',
  display: 'standalone',
  orientation: 'any',
  background_color: '#f9fafc',
  theme_color: '#2759a2',
  categories: ['productivity', 'developer'],
  icons: [
    { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
    { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
    { src: '/icons/icon-512-maskable.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
  ],
};
