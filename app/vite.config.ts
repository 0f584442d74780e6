import { fileURLToPath } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import { tanstackRouter } from '@tanstack/router-plugin/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { webManifest } from './src/pwa/web-manifest.ts';

const TEST_API = process.env.VITE_RUNSHEET_TEST_API === '1';

export default defineConfig({
  // Icons, favicon and other static files live at the repository root so the server and the app share them.
  publicDir: '../public',
  // SE-13: the test API (window.__runsheet) is compiled in only with VITE_RUNSHEET_TEST_API=1, into its own
  // directory: app/dist (what `npm start` serves) never holds it; app/dist-test serves browser tests and
  // benchmarks.
  build: { outDir: TEST_API ? 'dist-test' : 'dist', emptyOutDir: true },
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  plugins: [
    // The router plugin must run before react(): it rewrites route files and regenerates routeTree.gen.ts.
    tanstackRouter({ target: 'react', autoCodeSplitting: true }),
    react(),
    tailwindcss(),
    VitePWA({
      // 'prompt': a new version waits until the user says "Reload", so nothing being typed is cut off.
      registerType: 'prompt',
      injectRegister: false,
      manifest: webManifest,
      // globPatterns below already precaches every icon in public/; listing them again would duplicate entries.
      includeManifestIcons: false,
      workbox: {
        // Everything the shell needs, so every route renders with no network at all.
        // (manifest.webmanifest is added by the plugin itself.)
        globPatterns: ['**/*.{js,css,html,svg,png,ico,woff2}'],
        navigateFallback: '/index.html',
        // Server endpoints are never answered by the app shell.
        navigateFallbackDenylist: [/^\/api\//, /^\/healthz$/, /^\/sync(\/|$)/],
        // The new worker takes over only when the page asks (the "Reload" action sends SKIP_WAITING);
        // once active it claims open pages so the first visit is controlled without a second reload.
        skipWaiting: false,
        clientsClaim: true,
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  server: { host: '127.0.0.1' },
  preview: { host: '127.0.0.1' },
});
