export * from './ids.ts';
export * from './layout.ts';
export * from './tree.ts';
export * from './types.ts';
export * from './write.ts';
