/**
 * What is wrong with an imported file or a CSV row, said where it is: a path into the file in the form
 * a person can find with a text editor (`customers[3].namespace`), a stable code and a sentence.
 * The list is capped so a file with a million bad records still answers quickly and renders; `total`
 * keeps the true count.
 */

export const IO_PROBLEM_CODES = [
  'file-too-large',
  'not-json',
  'not-runsheet',
  'version-unsupported',
  'not-a-list',
  'invalid-value',
  'name-required',
  'namespace-invalid',
  'date-invalid',
  'kubeconfig-path-invalid',
  'metadata-key-invalid',
  'unsafe-key',
  'too-deep',
  'duplicate-id',
  'unknown-reference',
  'id-mismatch',
] as const;
export type IoProblemCode = (typeof IO_PROBLEM_CODES)[number];

export interface Problem {
  /** Where: `customers[3].namespace`, `version`, or '' for the file as a whole. */
  path: string;
  code: IoProblemCode;
  message: string;
}

/** Problems listed before the rest are only counted. */
export const MAX_LISTED_PROBLEMS = 200;

export class ProblemList {
  readonly items: Problem[] = [];
  total = 0;
  private readonly paths = new Set<string>();

  /** One problem per place: a migrated value checked as two records says the same thing twice. */
  add(path: string, code: IoProblemCode, message: string): void {
    if (this.paths.has(path)) return;
    this.paths.add(path);
    this.total++;
    if (this.items.length < MAX_LISTED_PROBLEMS) this.items.push({ path, code, message });
  }

  get isEmpty(): boolean {
    return this.total === 0;
  }
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** `clusters`, 3, `metadata`, `re gion` -> `clusters[3].metadata["re gion"]`. */
export function formatPath(segments: ReadonlyArray<string | number>): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (IDENTIFIER.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s.length > 40 ? `${s.slice(0, 40)}…` : s)}]`;
  }
  return out;
}

/** Joins a base path and more segments. */
export function subPath(base: string, ...segments: ReadonlyArray<string | number>): string {
  const rest = formatPath(segments);
  if (base === '') return rest;
  if (rest === '' || rest.startsWith('[')) return base + rest;
  return `${base}.${rest}`;
}
