/**
 * Version-0 customer steps -> participants, custom steps, step states and history events (see
 * migrate-v0.ts for the rules).
 */
import { STEP_STATUSES } from '../enums.ts';
import { idPart, type ReleaseId } from '../ids.ts';
import { isPlainObject } from './json-safety.ts';
import { type Builder, orderOf, source as src } from './migrate-v0-builder.ts';
import { isoTime, orUndef, type Row, text, v0Id } from './migrate-v0-values.ts';
import { type ProblemList, subPath } from './problems.ts';

const STEP_FIELDS: Record<string, string> = {
  snapshotName: 'name',
  snapshotCategory: 'category',
  snapshotType: 'type',
  snapshotContent: 'content',
  overrideContent: 'content',
  overrideName: 'name',
  executedContent: 'content',
  statusAt: 'executed_at',
  statusBy: 'executed_by',
  stepId: 'id',
  order: 'order_index',
};

export function migrateSteps(
  b: Builder,
  stepRows: unknown[],
  keys: Map<string, string>,
  templateById: Map<unknown, Row>,
  problems: ProblemList,
): void {
  const participants = new Set<string>();
  stepRows.forEach((raw, i) => {
    const at = (field?: string) => subPath('customer_steps', i, ...(field ? [field] : []));
    if (!isPlainObject(raw)) {
      problems.add(at(), 'invalid-value', 'should be an object');
      return;
    }
    const r = raw;
    const releaseId = v0Id('release', r.release_id);
    const customerId = v0Id('customer', r.customer_id);
    const source = src('customer_steps', i);
    if (typeof releaseId !== 'string' || typeof customerId !== 'string') {
      problems.add(
        at(typeof releaseId !== 'string' ? 'release_id' : 'customer_id'),
        'invalid-value',
        'is not an id',
      );
      return;
    }
    const status = r.status ?? 'pending';
    if (!(STEP_STATUSES as readonly unknown[]).includes(status)) {
      problems.add(
        at('status'),
        'invalid-value',
        `must be one of ${STEP_STATUSES.map((s) => `"${s}"`).join(', ')}`,
      );
      return;
    }
    const pKey = `${releaseId} ${customerId}`;
    if (!participants.has(pKey)) {
      participants.add(pKey);
      b.add(
        'participants',
        { releaseId, customerId, addedAt: isoTime(r.created_at), addedBy: '' },
        src('customer_steps', i, { addedAt: 'created_at' }),
      );
    }
    const custom = r.is_custom === true || r.is_custom === 1 || r.template_id == null;
    const template = custom ? undefined : templateById.get(r.template_id);
    const stepId = custom
      ? v0Id('step', r.id)
      : `step:${idPart(customerId)}.${idPart(String(v0Id('template', r.template_id)))}`;
    if (custom) {
      b.add(
        'customSteps',
        {
          id: stepId,
          releaseId,
          customerId,
          name: r.name,
          category: r.category,
          type: r.type,
          content: text(r.content),
          description: '',
          order: orderOf(keys, r),
          createdAt: isoTime(r.created_at),
          createdBy: '',
          updatedAt: isoTime(r.updated_at),
          deletedAt: null,
        },
        { ...source, fields: { order: 'order_index' } },
      );
    } else if (!template) {
      problems.add(
        at('template_id'),
        'unknown-reference',
        `names no row of step_templates (${String(r.template_id)})`,
      );
      return;
    }
    const state = stepState(r, template);
    if (state) b.add('stepStates', { releaseId, stepId, ...state }, { ...source, fields: STEP_FIELDS });
    const event = stepEvent(r, releaseId as ReleaseId, stepId as string, customerId, template);
    if (event)
      b.add('events', event, {
        ...source,
        fields: { at: 'executed_at', by: 'executed_by', kind: 'status', to: 'status' },
      });
  });
}

/** What a v0 step holds of its own (null when it is pending and untouched, like a v1 template step). */
function stepState(r: Row, template: Row | undefined): Row | null {
  const status = r.status ?? 'pending';
  const overridden = r.is_overridden === true || r.is_overridden === 1;
  const notes = typeof r.notes === 'string' && r.notes !== '' ? r.notes : undefined;
  if (status === 'pending' && !overridden && notes === undefined) return null;
  const updatedAt = isoTime(r.updated_at);
  const state: Row = { updatedAt };
  if (notes !== undefined) state.notes = notes;
  if (overridden && template) {
    state.overrideContent = text(r.content);
    if (r.name !== template.name) state.overrideName = r.name;
    state.overriddenAt = updatedAt;
  }
  if (status !== 'pending') {
    const when = isoTime(r.executed_at) ?? updatedAt;
    Object.assign(state, {
      status,
      statusAt: when,
      statusBy: orUndef(r.executed_by) ?? '',
      snapshotName: r.name,
      snapshotCategory: r.category,
      snapshotType: r.type,
      snapshotContent: text(r.content),
    });
    if (status === 'skipped') state.skipReason = text(r.skip_reason);
    if (status === 'done' || status === 'reverted') {
      Object.assign(state, {
        executedAt: when,
        executedBy: orUndef(r.executed_by) ?? '',
        executedContent: text(r.content),
      });
    }
  }
  for (const k of Object.keys(state)) if (state[k] === undefined) delete state[k];
  return state;
}

function stepEvent(
  r: Row,
  releaseId: ReleaseId,
  stepId: string,
  customerId: string,
  template: Row | undefined,
): Row | null {
  const status = r.status ?? 'pending';
  if (status === 'pending') return null;
  const by = typeof r.executed_by === 'string' && r.executed_by !== '' ? r.executed_by : 'unknown';
  const detail: Record<string, string> = { migratedFrom: 'v0' };
  if (status === 'skipped' && typeof r.skip_reason === 'string') detail.reason = r.skip_reason;
  if (typeof r.notes === 'string' && r.notes !== '') detail.notes = r.notes;
  return {
    id: `event:v0-step-${idPart(stepId).replace('.', '-')}`,
    releaseId,
    kind: status,
    at: isoTime(r.executed_at) ?? isoTime(r.updated_at),
    by,
    byName: by,
    device: 'v0',
    stepId,
    customerId,
    templateId: template ? `template:${idPart(stepId).split('.')[1]}` : null,
    after: null,
    from: status === 'reverted' ? 'done' : 'pending',
    to: status,
    detail,
  };
}
