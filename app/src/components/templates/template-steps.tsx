/**
 * The template layer of a release (FS-001..FS-005): its Deploy and Verify steps, each list in
 * execution order (BR-S04), with add, edit, delete and reorder. An archived release is read-only.
 */
import { type Release, STEP_CATEGORIES, type StepCategory, type StepTemplate } from '@runsheet/domain';
import { ListPlus, Plus } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/components/ui/button';
import { useTemplates } from '@/data';
import { DeleteTemplateDialog } from './delete-template-dialog';
import { CATEGORY_LABEL } from './labels';
import { TemplateFormDialog, type TemplateFormTarget } from './template-form-dialog';
import { TemplateList } from './template-list';

const CATEGORY_HELP: Record<StepCategory, string> = {
  deploy: 'Run in this order to roll the release out.',
  verify: 'Run after deploying, to check that it worked.',
};

export function TemplateSteps({ release }: { release: Release }) {
  const templates = useTemplates(release.id);
  const [form, setForm] = useState<TemplateFormTarget | null>(null);
  const [deleting, setDeleting] = useState<StepTemplate | null>(null);
  const editable = release.status !== 'archived';

  if (!templates) return <p className="text-muted-foreground">Loading the template steps…</p>;
  return (
    <div className="grid gap-8">
      {!editable && (
        <p role="note" className="rounded-md border bg-muted p-3 text-sm">
          This release is archived, so its steps can no longer change. Un-archive it to edit them.
        </p>
      )}
      {release.status === 'active' && (
        <p className="text-muted-foreground text-sm">
          The release is active: a new step reaches every customer at once; an edit reaches only steps that
          are still pending and not overridden.
        </p>
      )}
      {STEP_CATEGORIES.map((category) => {
        const list = templates[category];
        const headingId = `template-${category}`;
        return (
          <section key={category} aria-labelledby={headingId} className="grid gap-3">
            <div className="flex flex-wrap items-end justify-between gap-2">
              <div>
                <h2 id={headingId} className="font-semibold text-lg">
                  {CATEGORY_LABEL[category]}
                </h2>
                <p className="text-muted-foreground text-sm">{CATEGORY_HELP[category]}</p>
              </div>
              {editable && (
                <Button variant="outline" onClick={() => setForm({ mode: 'add', category })}>
                  <Plus aria-hidden="true" />
                  Add {CATEGORY_LABEL[category].toLowerCase()} step
                </Button>
              )}
            </div>
            {list.length === 0 ? (
              <div className="flex items-center gap-3 rounded-lg border border-dashed p-6 text-muted-foreground text-sm">
                <ListPlus className="size-5 shrink-0" aria-hidden="true" />
                No {CATEGORY_LABEL[category].toLowerCase()} steps yet.
              </div>
            ) : (
              <TemplateList
                release={release}
                category={category}
                templates={list}
                editable={editable}
                onEdit={(template) => setForm({ mode: 'edit', template })}
                onDelete={setDeleting}
              />
            )}
          </section>
        );
      })}
      <TemplateFormDialog release={release} target={form} onClose={() => setForm(null)} />
      <DeleteTemplateDialog release={release} template={deleting} onClose={() => setDeleting(null)} />
    </div>
  );
}
