import type { Relay } from '../relay/relay.ts';
import { TemporalBridge } from './bridge.ts';
import type { TemporalConfig } from './config.ts';
import { TemporalMirror } from './mirror.ts';
import { connectTemporalReader, type TemporalReader } from './reader.ts';

export { TemporalBridge } from './bridge.ts';
export type { TemporalConfig } from './config.ts';
export { TemporalMirror } from './mirror.ts';

/**
 * Starts the bridge: a mirror bound to the relay's `temporal` room, and the poll loop. `reader` replaces
 * the Temporal client (tests count its calls or make it fail).
 */
export async function startTemporalBridge(
  relay: Relay,
  config: TemporalConfig,
  log: Pick<Console, 'warn'>,
  reader?: TemporalReader,
): Promise<{ bridge: TemporalBridge; mirror: TemporalMirror; reader: TemporalReader }> {
  const mirror = await TemporalMirror.open(relay, {
    pollMs: config.pollMs,
    namespace: config.namespace,
    workflowType: config.workflowType,
  });
  await mirror.setStatus({});
  const actual = reader ?? (await connectTemporalReader(config));
  const bridge = new TemporalBridge(actual, mirror, config, log);
  bridge.start();
  return { bridge, mirror, reader: actual };
}
