import type { Command } from '@runsheet/doc';
import {
  activateRelease,
  addTemplate,
  type ClusterId,
  type CommandResult,
  type CustomerId,
  createCluster,
  createCustomer,
  createRelease,
  type ReleaseId,
  type StepId,
  type TemplateId,
  templateStepId,
  testContext,
} from '@runsheet/domain';
import type { RunsheetServer } from '../../src/server.ts';

export interface Seeded {
  releaseId: ReleaseId;
  clusterIds: ClusterId[];
  customerIds: CustomerId[];
  templateIds: TemplateId[];
  /** The step of the first template for the first customer. */
  firstStep: StepId;
}

function must<T>(result: CommandResult<T>): T {
  if (!result.ok) throw new Error(`seed command refused: ${result.error.code} ${result.error.message}`);
  return result.value;
}

/**
 * Writes a small active release through the server's own workspace (the same commands the app runs):
 * `clusters` clusters with `customersPerCluster` customers each, `templates` deploy steps.
 */
export async function seedRelease(
  server: RunsheetServer,
  options: {
    clusters?: number;
    customersPerCluster?: number;
    templates?: number;
    name?: string;
    /** The clock's start (ISO): releases list newest first. */
    start?: string;
  } = {},
): Promise<Seeded> {
  const ctx = testContext({
    device: `seed${Math.random().toString(36).slice(2, 8)}`,
    ...(options.start !== undefined && { start: options.start }),
  });
  const run = async <I, T>(command: Command<I, T>, input: I) =>
    must(await server.workspace.run(command, input, ctx));
  const clusterIds: ClusterId[] = [];
  const customerIds: CustomerId[] = [];
  for (let c = 0; c < (options.clusters ?? 2); c++) {
    const { clusterId } = await run(createCluster, { name: `cluster ${ctx.device} ${c}` });
    clusterIds.push(clusterId);
    for (let k = 0; k < (options.customersPerCluster ?? 2); k++) {
      const { customerId } = await run(createCustomer, {
        clusterId,
        name: `Customer ${c}-${k}`,
        namespace: `ns-${c}-${k}`,
      });
      customerIds.push(customerId);
    }
  }
  ctx.tick();
  const { releaseId } = await run(createRelease, {
    name: options.name ?? 'Spring release',
    type: 'release',
    versionNumber: '1.0',
  });
  const templateIds: TemplateId[] = [];
  for (let t = 0; t < (options.templates ?? 3); t++) {
    const { templateId } = await run(addTemplate, {
      releaseId,
      name: `Step ${t}`,
      category: 'deploy',
      type: 'bash',
      content: `echo ${t} {{customer.namespace}}`,
    });
    templateIds.push(templateId);
  }
  await run(activateRelease, { releaseId, customerIds });
  return {
    releaseId,
    clusterIds,
    customerIds,
    templateIds,
    firstStep: templateStepId(customerIds[0]!, templateIds[0]!),
  };
}
