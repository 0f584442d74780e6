#!/usr/bin/env node
// Draws Runsheet's icons once and writes them to public/ (the PNGs are committed; run this again only
// when the artwork changes):  node app/scripts/make-icons.mjs
// The artwork is one SVG (a checklist with two ticked rows); headless Chromium rasterizes it to PNG so no
// image library is needed. Chromium: $CHROMIUM_PATH, else /usr/bin/chromium, else Playwright's own.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';

const publicDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'public');
const PRIMARY = '#2759a2'; // light theme --primary, oklch(0.47 0.13 258)
const INK = '#ffffff';

/**
 * @param {{ maskable?: boolean, rounded?: boolean }} options
 * maskable: full-bleed background, artwork inside the central 80% safe zone the platform may crop to.
 * rounded: transparent corners (for "any" icons and the favicon).
 */
export function iconSvg({ maskable = false, rounded = true } = {}) {
  const scale = maskable ? 0.62 : 0.8; // the artwork's share of the canvas
  const offset = Math.round(((512 - 512 * scale) / 2) * 100) / 100;
  const radius = rounded && !maskable ? 112 : 0;
  const row = (y, ticked) =>
    (ticked
      ? `<path d="M96 ${y} l28 28 l52 -60" fill="none" stroke="${INK}" stroke-width="34" stroke-linecap="round" stroke-linejoin="round"/>`
      : `<rect x="98" y="${y - 34}" width="72" height="72" rx="16" fill="none" stroke="${INK}" stroke-width="26"/>`) +
    `<rect x="226" y="${y - 17}" width="190" height="34" rx="17" fill="${INK}" opacity="${ticked ? 0.7 : 1}"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512" role="img" aria-label="Runsheet">
  <title>Runsheet</title>
  <rect width="512" height="512" rx="${radius}" fill="${PRIMARY}"/>
  <g transform="translate(${offset} ${offset}) scale(${scale})">${row(136, true)}${row(256, true)}${row(376, false)}</g>
</svg>`;
}

/** An .ico file holding one PNG image (PNG-in-ICO is supported by every current browser). */
function icoFromPng(png, size) {
  const header = Buffer.alloc(22);
  header.writeUInt16LE(0, 0); // reserved
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(1, 4); // one image
  header.writeUInt8(size, 6);
  header.writeUInt8(size, 7);
  header.writeUInt16LE(1, 10); // colour planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png.length, 14);
  header.writeUInt32LE(22, 18); // image data offset
  return Buffer.concat([header, png]);
}

function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}

async function main() {
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
  const page = await browser.newPage();
  const render = async (svg, size, transparent) => {
    await page.setViewportSize({ width: size, height: size });
    await page.setContent(
      `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
    );
    return page.screenshot({ omitBackground: transparent, clip: { x: 0, y: 0, width: size, height: size } });
  };

  mkdirSync(join(publicDir, 'icons'), { recursive: true });
  const rounded = iconSvg();
  const square = iconSvg({ rounded: false });
  writeFileSync(join(publicDir, 'favicon.svg'), `${rounded}\n`);
  writeFileSync(join(publicDir, 'icons', 'icon-192.png'), await render(rounded, 192, true));
  writeFileSync(join(publicDir, 'icons', 'icon-512.png'), await render(rounded, 512, true));
  writeFileSync(
    join(publicDir, 'icons', 'icon-512-maskable.png'),
    await render(iconSvg({ maskable: true }), 512, false),
  );
  // iOS draws its own rounded corners and shows transparency as black, so the touch icon is square.
  writeFileSync(join(publicDir, 'apple-touch-icon.png'), await render(square, 180, false));
  writeFileSync(join(publicDir, 'favicon.ico'), icoFromPng(await render(rounded, 32, true), 32));
  await browser.close();
  console.log(`Icons written to ${publicDir}`);
}

await main();
