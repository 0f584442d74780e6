/**
 * What a template edit or delete does to customer steps, in words, shown BEFORE saving (BR-R02,
 * BR-S07, BR-S08, ST-03). The counts come from the domain previews (views/template-impact.ts).
 */
import type { TemplateDeletePreview, TemplateEditPreview } from '@runsheet/domain';
import { agree, count } from '@/lib/count';

/** `preview`: before saving ("Saving updates …"); `done`: after ("Updated …"). */
export function editImpactText(p: TemplateEditPreview, when: 'preview' | 'done' = 'preview'): string {
  const kept = `${p.overriddenKept} overridden and ${p.executedKept} done or skipped keep their content`;
  const verb = when === 'preview' ? 'Saving updates' : 'Updated';
  return `${verb} ${count(p.pendingUpdated, 'pending step')}; ${kept}.`;
}

export function deleteImpactText(p: TemplateDeletePreview): string {
  if (p.pendingRemoved === 0 && p.executedKept === 0) return 'No customer has this step yet.';
  const go = `${count(p.pendingRemoved, 'pending customer step')} ${agree(p.pendingRemoved, 'goes', 'go')}`;
  const stay = `${count(p.executedKept, 'executed step')} ${agree(p.executedKept, 'stays', 'stay')} in the history`;
  return `${go}; ${stay}.`;
}
