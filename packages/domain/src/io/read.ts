/**
 * File text -> a workspace file this app can import, or the list of what is wrong with it. Pure: no
 * DOM, no clock (the caller passes `now` for records without timestamps in a file without exportedAt).
 *
 * Order of checks, each cheap before the next: size, JSON, format, version (older versions migrate),
 * then every record (records.ts). Nothing here looks at the workspace; `planImport` does.
 */
import { READABLE_VERSIONS, WORKSPACE_FORMAT, WORKSPACE_VERSION, type WorkspaceData } from './format.ts';
import { describeType, isPlainObject } from './json-safety.ts';
import { migrateV0 } from './migrate-v0.ts';
import { type Problem, ProblemList } from './problems.ts';
import { KNOWN_FIELDS, locateV1, readCollections } from './records.ts';

/** Larger files are refused before parsing: a browser tab would struggle with the parsed copy. */
export const MAX_IMPORT_CHARS = 256 * 1024 * 1024;

export interface ReadOptions {
  /** ISO time used for missing timestamps when the file has no `exportedAt`. */
  now: string;
  /** Defaults to MAX_IMPORT_CHARS. */
  maxChars?: number;
}

export interface ImportFile {
  /** The version the file was written in (older versions were migrated to the current one). */
  version: number;
  exportedAt: string | null;
  generator: string | null;
  data: WorkspaceData;
  /** Where a record (and one of its fields) is in the user's file, for problems found later. */
  where(record: object, field?: string): string;
}

export type ReadResult =
  | { ok: true; file: ImportFile; warnings: Problem[] }
  | { ok: false; problems: Problem[]; totalProblems: number };

const TOP_LEVEL_V1 = new Set(['format', 'version', 'exportedAt', 'generator', ...Object.keys(KNOWN_FIELDS)]);
const TOP_LEVEL_V0 = new Set([
  'format',
  'version',
  'exported_at',
  'clusters',
  'customers',
  'releases',
  'step_templates',
  'customer_steps',
]);

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** The problem of a file over the limit; also for callers that know the size before reading. */
export function fileTooLarge(size: number, max: number = MAX_IMPORT_CHARS): Problem {
  return {
    path: '',
    code: 'file-too-large',
    message: `The file is ${mb(size)}; Runsheet reads files up to ${mb(max)}.`,
  };
}

function failed(problems: ProblemList): ReadResult {
  return { ok: false, problems: problems.items, totalProblems: problems.total };
}

/** Reads a workspace file from its text, or from an already parsed value. */
export function readWorkspaceFile(input: unknown, options: ReadOptions): ReadResult {
  const problems = new ProblemList();
  let root: unknown = input;
  if (typeof input === 'string') {
    const max = options.maxChars ?? MAX_IMPORT_CHARS;
    if (input.length > max) {
      const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
      problems.add(
        '',
        'file-too-large',
        `The file is ${mb(input.length)}; Runsheet reads files up to ${mb(max)}.`,
      );
      return failed(problems);
    }
    try {
      root = JSON.parse(input.charCodeAt(0) === 0xfeff ? input.slice(1) : input);
    } catch (error) {
      const why = error instanceof SyntaxError ? error.message : 'it is nested too deeply';
      problems.add('', 'not-json', `This is not a JSON file (${why}).`);
      return failed(problems);
    }
  }
  if (!isPlainObject(root) || root.format !== WORKSPACE_FORMAT) {
    problems.add(
      isPlainObject(root) ? 'format' : '',
      'not-runsheet',
      `This is not a Runsheet workspace file (expected "format": "${WORKSPACE_FORMAT}").`,
    );
    return failed(problems);
  }
  const version = root.version;
  if (typeof version !== 'number' || !(READABLE_VERSIONS as readonly number[]).includes(version)) {
    const newer = typeof version === 'number' && version > WORKSPACE_VERSION;
    problems.add(
      'version',
      'version-unsupported',
      newer
        ? `The file is from a newer Runsheet (format version ${version}); this app reads up to ${WORKSPACE_VERSION}. Update the app, then import.`
        : `The format version should be one of ${READABLE_VERSIONS.join(', ')}, not ${describeType(version)} ${JSON.stringify(version)?.slice(0, 20) ?? ''}.`,
    );
    return failed(problems);
  }

  const warnings = new ProblemList();
  const known = version === 0 ? TOP_LEVEL_V0 : TOP_LEVEL_V1;
  for (const key of Object.keys(root)) {
    if (!known.has(key)) warnings.add(key, 'invalid-value', 'is not part of the format; it is left out');
  }

  let body: Record<string, unknown> = root;
  let locate = locateV1;
  if (version === 0) {
    for (const table of ['clusters', 'customers', 'releases', 'step_templates', 'customer_steps']) {
      if (root[table] !== undefined && !Array.isArray(root[table]))
        problems.add(table, 'not-a-list', `should be a list, not ${describeType(root[table])}`);
    }
    const migrated = migrateV0(root, problems);
    body = migrated.body;
    locate = migrated.locate;
  }
  const exportedAt =
    typeof body.exportedAt === 'string' && !Number.isNaN(Date.parse(body.exportedAt))
      ? body.exportedAt
      : null;
  const read = readCollections(body, exportedAt ?? options.now, problems, locate);
  if (!problems.isEmpty) return failed(problems);
  return {
    ok: true,
    warnings: warnings.items,
    file: {
      version,
      exportedAt,
      generator: typeof root.generator === 'string' ? root.generator.slice(0, 200) : null,
      data: read.data,
      where: read.where,
    },
  };
}
