/**
 * Random raw ops over a small pool of ids, so that sequences revisit the same entities and fields: the
 * material for mirror and merge tests of the document layer (no domain rules involved).
 */
import type {
  CustomerId,
  Op,
  ReleaseId,
  RevId,
  StepId,
  StepState,
  TemplateId,
  WaveId,
} from '@runsheet/domain';
import {
  cluster,
  customer,
  customStep,
  event,
  ops,
  release,
  T0,
  template,
  wave,
} from '../../src/testing/entities.ts';
import type { Prng } from './prng.ts';

const STEP_FIELDS: Array<keyof StepState> = [
  'status',
  'notes',
  'skipReason',
  'snapshotContent',
  'executedBy',
  'snapshotRev',
  'execution',
];

/** A value of the field's shape: revision ids and execution records as the commands write them. */
function stepValue(rng: Prng, field: keyof StepState): unknown {
  if (field === 'status') return rng.pick(['pending', 'done', 'skipped']);
  if (field === 'snapshotRev') return `rev:v${rng.int(0, 3)}`;
  if (field === 'execution')
    return { rev: `rev:v${rng.int(0, 3)}`, vars: { 'customer.name': rng.word(3) }, at: T0, by: 'Test' };
  return rng.word(4);
}

export function randomOp(rng: Prng, releaseId: ReleaseId): Op {
  const n = rng.int(0, 5);
  const clusterId = `cluster:k${n}` as const;
  const customerId = `customer:c${n}` as CustomerId;
  const templateId = `template:t${n}` as TemplateId;
  const stepId = `step:c${rng.int(0, 3)}.t${rng.int(0, 3)}` as StepId;
  const waveId = `wave:w${rng.int(0, 2)}` as WaveId;
  switch (rng.int(0, 13)) {
    case 0:
      return ops.cluster(cluster(clusterId, `name-${rng.word(3)}`));
    case 1:
      return ops.cluster({ id: clusterId, description: rng.word(5), isActive: rng.bool() });
    case 2:
      return ops.customer(customer(customerId, clusterId, `ns-${rng.word(2)}`));
    case 3:
      return ops.release({
        ...release(releaseId, `rel-${rng.word(3)}`),
        status: rng.pick(['draft', 'active'] as const),
      });
    case 4:
      return ops.template(releaseId, template(templateId, releaseId, `tpl-${rng.word(3)}`, `a${n}`));
    case 5:
      return ops.template(releaseId, { id: templateId, content: `echo ${rng.word(6)}` });
    case 6:
      return ops.customStep(
        releaseId,
        customStep(`step:x${n}` as StepId, releaseId, customerId, rng.word(4), `a${n}V`),
      );
    case 7:
      return ops.participant(releaseId, customerId);
    case 8:
    case 9: {
      const fields: Record<string, unknown> = {};
      const unset: Array<keyof StepState> = [];
      for (const field of STEP_FIELDS) {
        const roll = rng.next();
        if (roll < 0.3) fields[field] = stepValue(rng, field);
        else if (roll < 0.4) unset.push(field);
      }
      return ops.stepState(releaseId, stepId, fields as StepState, unset);
    }
    case 10:
      // Revisions are immutable: a pool of ids, each always with the same value, written again and again.
      return rng.bool()
        ? ops.revision(releaseId, `rev:v${n % 4}` as RevId, {
            name: `rev ${n % 4}`,
            category: 'deploy',
            type: 'bash',
            content: `echo {{customer.name}} ${n % 4}`,
          })
        : ops.event(event(`event:${rng.word(10)}` as const, releaseId, stepId, 'notes'));
    case 11:
      return rng.bool()
        ? ops.wave(releaseId, wave(waveId, releaseId, `wave-${rng.word(3)}`, `a${n}`))
        : ops.wave(releaseId, { id: waveId, gateSoakMinutes: rng.int(0, 90), gateSignOff: rng.bool() });
    case 12:
      return ops.waveMember(releaseId, customerId, waveId);
    default:
      return ops.event(event(`event:${rng.word(10)}` as const, releaseId, stepId, 'notes'));
  }
}

export function randomChange(rng: Prng, releaseId: ReleaseId): { ops: Op[] } {
  const count = rng.int(1, 4);
  const out: Op[] = [];
  for (let i = 0; i < count; i++) out.push(randomOp(rng, releaseId));
  return { ops: out };
}
