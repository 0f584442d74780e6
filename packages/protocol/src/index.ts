/**
 * @runsheet/protocol: the contract between the Runsheet app and its server. Both import it; it depends
 * only on zod and the domain (whose field limits and ids it states).
 */
export * from './close-codes.ts';
export * from './cursor.ts';
export * from './date-time.ts';
export * from './errors.ts';
export * from './ids.ts';
export * from './limits.ts';
export * from './operation.ts';
export * from './operations/index.ts';
export * from './password.ts';
export * from './roles.ts';
export * from './schemas/accounts.ts';
export * from './schemas/audit.ts';
export * from './schemas/common.ts';
export * from './schemas/entities.ts';
export * from './schemas/inventory.ts';
export * from './schemas/rollout.ts';
export * from './schemas/runsheet.ts';
export * from './schemas/temporal.ts';
export * from './schemas/webhooks.ts';
export * from './write-refusals.ts';
