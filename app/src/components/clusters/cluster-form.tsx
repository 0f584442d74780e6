/**
 * Create or edit a cluster (FC-001, FC-002): name, kubeconfig path, description and metadata rows.
 * Everything typed is a draft (survives a reload) until it is saved or cancelled; a refused save keeps
 * it all and shows the domain's reason beside the field it names.
 */
import { type Cluster, createCluster, updateCluster } from '@runsheet/domain';
import { useNavigate } from '@tanstack/react-router';
import { type FormEvent, useRef, useState } from 'react';
import { FormAlert } from '@/components/form/form-alert';
import { FormField } from '@/components/form/form-field';
import { MetadataFields } from '@/components/form/metadata-fields';
import {
  type MetadataRow,
  metadataFromRows,
  rowsFromMetadata,
  sameRows,
} from '@/components/form/metadata-rows';
import { RestoredDraftNotice } from '@/components/form/restored-draft-notice';
import { useFocusFirstError } from '@/components/form/use-focus-first-error';
import { useFormErrors } from '@/components/form/use-form-errors';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { toast } from '@/components/ui/use-toast';
import { useDraft } from '@/lib/drafts';
import { useWorkspace } from '@/state/workspace-context';

export type ClusterFormValues = {
  name: string;
  kubeconfigPath: string;
  description: string;
  metadata: MetadataRow[];
};

const FIELDS = ['name', 'kubeconfigPath', 'description'] as const;

function valuesOf(cluster: Cluster | undefined): ClusterFormValues {
  return {
    name: cluster?.name ?? '',
    kubeconfigPath: cluster?.kubeconfigPath ?? '',
    description: cluster?.description ?? '',
    metadata: cluster ? rowsFromMetadata(cluster.metadata) : [],
  };
}

function sameValues(a: ClusterFormValues, b: ClusterFormValues): boolean {
  return (
    a.name === b.name &&
    a.kubeconfigPath === b.kubeconfigPath &&
    a.description === b.description &&
    sameRows(a.metadata, b.metadata)
  );
}

export function clusterDraftKey(clusterId?: string): string {
  return `cluster-form:${clusterId ?? 'new'}`;
}

export function ClusterForm({ cluster }: { cluster?: Cluster }) {
  const { run, local } = useWorkspace();
  const navigate = useNavigate();
  // What the form started from: an edit sends only what the user changed, so a field changed on
  // another device meanwhile is not overwritten with the old value (MR-01).
  const [initial] = useState(() => valuesOf(cluster));
  const [values, setValues, clearDraft] = useDraft<ClusterFormValues>(clusterDraftKey(cluster?.id), initial);
  const [restored, setRestored] = useState(() => !sameValues(values, initial));
  const { errors, show, showRow, clear, clearField } = useFormErrors(FIELDS);
  const [attempt, setAttempt] = useState(0);
  const [saving, setSaving] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstError(form, attempt);

  const set = <K extends keyof ClusterFormValues>(key: K, value: ClusterFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    clearField(key);
  };

  const leave = () => {
    clearDraft();
    if (cluster) void navigate({ to: '/clusters/$clusterId', params: { clusterId: cluster.id } });
    else void navigate({ to: '/clusters' });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    const metadata = metadataFromRows(values.metadata);
    if (!metadata.ok) {
      showRow(metadata.rowId, metadata.message);
      setAttempt((n) => n + 1);
      return;
    }
    setSaving(true);
    const result = cluster
      ? await run(updateCluster, {
          clusterId: cluster.id,
          ...(values.name !== initial.name ? { name: values.name } : {}),
          ...(values.kubeconfigPath !== initial.kubeconfigPath
            ? { kubeconfigPath: values.kubeconfigPath }
            : {}),
          ...(values.description !== initial.description ? { description: values.description } : {}),
          ...(!sameRows(values.metadata, initial.metadata) ? { metadata: metadata.value } : {}),
        })
      : await run(createCluster, {
          name: values.name,
          kubeconfigPath: values.kubeconfigPath,
          description: values.description,
          metadata: metadata.value,
        });
    setSaving(false);
    if (!result.ok) {
      show(result.error, values.metadata);
      setAttempt((n) => n + 1);
      return;
    }
    clearDraft();
    // The detail page reads the projection: let this change reach it before going there.
    await local.flush();
    toast({ title: cluster ? 'Cluster saved' : 'Cluster created', description: values.name.trim() });
    void navigate({ to: '/clusters/$clusterId', params: { clusterId: result.value.clusterId } });
  };

  return (
    <form ref={form} noValidate onSubmit={submit} className="grid max-w-2xl gap-6" aria-label="Cluster">
      {restored && (
        <RestoredDraftNotice
          onDiscard={() => {
            setValues(initial);
            setRestored(false);
            clear();
          }}
        />
      )}
      {errors.form && <FormAlert>{errors.form}</FormAlert>}
      <FormField
        label="Name"
        required
        error={errors.fields.name}
        hint="Unique among active clusters, ignoring case."
      >
        <Input
          value={values.name}
          autoComplete="off"
          spellCheck={false}
          placeholder="prod-eu"
          onChange={(e) => set('name', e.target.value)}
        />
      </FormField>
      <FormField
        label="Kubeconfig path"
        error={errors.fields.kubeconfigPath}
        hint="Optional. Shown and copied beside the steps; Runsheet never opens it."
      >
        <Input
          value={values.kubeconfigPath}
          autoComplete="off"
          spellCheck={false}
          className="font-mono"
          placeholder="~/.kube/prod-eu-config"
          onChange={(e) => set('kubeconfigPath', e.target.value)}
        />
      </FormField>
      <FormField label="Description" error={errors.fields.description}>
        <Textarea value={values.description} onChange={(e) => set('description', e.target.value)} />
      </FormField>
      <MetadataFields
        scope="cluster"
        rows={values.metadata}
        errors={errors.rows}
        keyPlaceholder="region"
        valuePlaceholder="eu-west-1"
        onChange={(rows) => {
          setValues((v) => ({ ...v, metadata: rows }));
          clear();
        }}
      />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={saving}>
          {cluster ? 'Save cluster' : 'Create cluster'}
        </Button>
        <Button variant="outline" onClick={leave}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
