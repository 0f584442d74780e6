// Types of bench-browser.mjs for the TypeScript benchmarks.
export function benchChromium(extraArgs?: string[]): { executablePath: string | undefined; args: string[] };
