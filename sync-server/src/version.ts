import packageJson from '../package.json' with { type: 'json' };

/** The server's version, inlined by the bundler so `dist/main.js` needs no package.json beside it. */
export const VERSION: string = packageJson.version;
