import type { Operation } from '../operation.ts';
import { accountOperations } from './accounts.ts';
import { auditOperations } from './audit.ts';
import { inventoryOperations } from './inventory.ts';
import { metaOperations } from './meta.ts';
import { rolloutOperations } from './rollout.ts';
import { runsheetOperations } from './runsheet.ts';
import { temporalOperations } from './temporal.ts';
import { webhookOperations } from './webhooks.ts';

/** Every operation of the JSON API by area; handlers and clients name them from here. */
export const operations = {
  accounts: accountOperations,
  audit: auditOperations,
  meta: metaOperations,
  runsheet: runsheetOperations,
  rollout: rolloutOperations,
  inventory: inventoryOperations,
  temporal: temporalOperations,
  webhooks: webhookOperations,
} as const;

/** All of them, in the order the document lists them. */
export const OPERATIONS: readonly Operation[] = Object.values(operations).flatMap((area) =>
  Object.values(area as Record<string, Operation>),
);
