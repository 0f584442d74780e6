import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The shape of a Vite + vite-plugin-pwa build, small. */
export const FIXTURE_FILES: Record<string, string> = {
  'index.html': '<!doctype html><title>Runsheet</title><div id="root"></div>',
  'assets/index-Bx7k2Qz1.js': 'console.log("app");',
  'assets/index-C9aa01Fe.css': 'body{margin:0}',
  'assets/inter-latin-400.woff2': 'wOF2',
  'sw.js': 'self.addEventListener("install",()=>{});',
  'registerSW.js': 'navigator.serviceWorker.register("/sw.js");',
  'workbox-4b126c97.js': 'self.workbox={};',
  'manifest.webmanifest': '{"name":"Runsheet"}',
  'favicon.ico': 'ico',
  'icon-192.png': 'png',
  'logo.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
  'robots.txt': 'User-agent: *',
};

export function writeStaticFixture(dir: string): void {
  for (const [name, content] of Object.entries(FIXTURE_FILES)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  }
}
