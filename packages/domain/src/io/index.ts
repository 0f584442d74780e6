/** Data in and out: the workspace file (export, tolerant read, migration, import), CSV, reports. */
export * from './catalog-rows.ts';
export * from './csv.ts';
export * from './export.ts';
export * from './format.ts';
export * from './import.ts';
export * from './inventory-csv.ts';
export * from './problems.ts';
export * from './read.ts';
export * from './release-csv.ts';
export * from './report.ts';
