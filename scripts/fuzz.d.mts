// Types of fuzz.mjs for the test that checks what `npm test` prints for CI log readers.
export const SCHEMATHESIS_VERSION: string;
export function rewordClosingBanner(line: string): string;
export function runFuzz(root: string, env?: NodeJS.ProcessEnv): Promise<'passed' | 'failed' | 'not-run'>;
