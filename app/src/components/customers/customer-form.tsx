/**
 * Create or edit a customer (FM-001, FM-002): name, namespace (checked as you type: VA-01 and BR-M01),
 * cluster, description and metadata. Choosing another cluster for an existing customer is a move: the
 * save asks for confirmation with the old and new kube context first (BR-M02). Everything typed is a
 * draft until saved or cancelled; a refused save keeps it all and shows the reason beside the field.
 */
import {
  type Cluster,
  type Customer,
  createCustomer,
  type MoveWarning,
  moveCustomer,
  previewMoveCustomer,
  updateCustomer,
} from '@runsheet/domain';
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
import { ClusterSelect } from './cluster-select';
import { MoveConfirmDialog } from './move-confirm-dialog';
import { useNamespaceCheck } from './use-namespace-check';

export type CustomerFormValues = {
  name: string;
  namespace: string;
  clusterId: string;
  description: string;
  metadata: MetadataRow[];
};

const FIELDS = ['name', 'namespace', 'clusterId', 'description'] as const;

function valuesOf(customer: Customer | undefined, clusterId: string): CustomerFormValues {
  return {
    name: customer?.name ?? '',
    namespace: customer?.namespace ?? '',
    clusterId: customer?.clusterId ?? clusterId,
    description: customer?.description ?? '',
    metadata: customer ? rowsFromMetadata(customer.metadata) : [],
  };
}

function sameValues(a: CustomerFormValues, b: CustomerFormValues): boolean {
  return (
    a.name === b.name &&
    a.namespace === b.namespace &&
    a.clusterId === b.clusterId &&
    a.description === b.description &&
    sameRows(a.metadata, b.metadata)
  );
}

export function customerDraftKey(customerId?: string): string {
  return `customer-form:${customerId ?? 'new'}`;
}

export interface CustomerFormProps {
  customer?: Customer;
  /** Clusters a customer can be placed on (active ones). */
  clusters: readonly Cluster[];
  /** Preselected cluster of a new customer ("Add customer" on a cluster's page). */
  clusterId?: string;
}

export function CustomerForm({ customer, clusters, clusterId = '' }: CustomerFormProps) {
  const { run, local } = useWorkspace();
  const navigate = useNavigate();
  // An edit sends only what the user changed, so an edit made elsewhere meanwhile survives (MR-01).
  const [initial] = useState(() => valuesOf(customer, clusterId));
  const [values, setValues, clearDraft] = useDraft<CustomerFormValues>(
    customerDraftKey(customer?.id),
    initial,
  );
  const [restored, setRestored] = useState(() => !sameValues(values, initial));
  const { errors, show, showRow, clear, clearField } = useFormErrors(FIELDS);
  const [attempt, setAttempt] = useState(0);
  const [saving, setSaving] = useState(false);
  const [move, setMove] = useState<{ warning: MoveWarning; error: string | null } | null>(null);
  const form = useRef<HTMLFormElement>(null);
  useFocusFirstError(form, attempt);

  const moving = customer !== undefined && values.clusterId !== initial.clusterId;
  const namespaceProblem = useNamespaceCheck({
    namespace: values.namespace,
    clusterId: values.clusterId,
    customer,
  });

  const set = <K extends keyof CustomerFormValues>(key: K, value: CustomerFormValues[K]) => {
    setValues((v) => ({ ...v, [key]: value }));
    clearField(key);
    // A namespace refused as taken was taken on the other cluster: the live check speaks for the new one.
    if (key === 'clusterId') clearField('namespace');
  };

  const refused = (error: Parameters<typeof show>[0]) => {
    show(error, values.metadata);
    setAttempt((n) => n + 1);
  };

  const done = async (customerId: string, title: string) => {
    clearDraft();
    // The detail page reads the projection: let this change reach it before going there.
    await local.flush();
    toast({ title, description: values.name.trim() });
    void navigate({ to: '/customers/$customerId', params: { customerId } });
  };

  const leave = () => {
    clearDraft();
    if (customer) void navigate({ to: '/customers/$customerId', params: { customerId: customer.id } });
    else void navigate({ to: '/customers' });
  };

  /** The detail fields that changed (a namespace change travels with the move when there is one). */
  const changes = (metadata: Record<string, string>, withNamespace: boolean) => ({
    ...(values.name !== initial.name ? { name: values.name } : {}),
    ...(withNamespace && values.namespace !== initial.namespace ? { namespace: values.namespace } : {}),
    ...(values.description !== initial.description ? { description: values.description } : {}),
    ...(!sameRows(values.metadata, initial.metadata) ? { metadata } : {}),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    const metadata = metadataFromRows(values.metadata);
    if (!metadata.ok) {
      showRow(metadata.rowId, metadata.message);
      setAttempt((n) => n + 1);
      return;
    }
    if (!customer) {
      if (values.clusterId === '') {
        show({ code: 'cluster-not-found', field: 'clusterId', message: 'Choose the cluster it runs on.' });
        setAttempt((n) => n + 1);
        return;
      }
      setSaving(true);
      const result = await run(createCustomer, {
        clusterId: values.clusterId as Cluster['id'],
        name: values.name,
        namespace: values.namespace,
        description: values.description,
        metadata: metadata.value,
      });
      setSaving(false);
      if (!result.ok) return refused(result.error);
      return done(result.value.customerId, 'Customer created');
    }
    if (moving) {
      // Everything the move checks, without changing anything; then the user confirms (BR-M02).
      const preview = previewMoveCustomer(local.state, {
        customerId: customer.id,
        clusterId: values.clusterId as Cluster['id'],
        ...(values.namespace !== initial.namespace ? { namespace: values.namespace } : {}),
      });
      if (!preview.ok) return refused(preview.error);
      setMove({ warning: preview.value, error: null });
      return;
    }
    setSaving(true);
    const result = await run(updateCustomer, { customerId: customer.id, ...changes(metadata.value, true) });
    setSaving(false);
    if (!result.ok) return refused(result.error);
    return done(customer.id, 'Customer saved');
  };

  const confirmMove = async () => {
    if (!customer || !move) return;
    const metadata = metadataFromRows(values.metadata);
    if (!metadata.ok) return;
    setSaving(true);
    const details = changes(metadata.value, false);
    if (Object.keys(details).length > 0) {
      const updated = await run(updateCustomer, { customerId: customer.id, ...details });
      if (!updated.ok) {
        setSaving(false);
        setMove(null);
        return refused(updated.error);
      }
    }
    const moved = await run(moveCustomer, {
      customerId: customer.id,
      clusterId: move.warning.to.clusterId,
      ...(values.namespace !== initial.namespace ? { namespace: values.namespace } : {}),
    });
    setSaving(false);
    if (!moved.ok) {
      setMove(null);
      return refused(moved.error);
    }
    setMove(null);
    return done(customer.id, `Moved to ${moved.value.to.name}`);
  };

  const current = clusters.find((c) => c.id === initial.clusterId);
  const target = clusters.find((c) => c.id === values.clusterId);

  return (
    <form ref={form} noValidate onSubmit={submit} className="grid max-w-2xl gap-6" aria-label="Customer">
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
      <FormField label="Name" required error={errors.fields.name}>
        <Input
          value={values.name}
          autoComplete="off"
          placeholder="Acme Corp"
          onChange={(e) => set('name', e.target.value)}
        />
      </FormField>
      <ClusterSelect
        clusters={clusters}
        value={values.clusterId}
        onChange={(id) => set('clusterId', id)}
        error={errors.fields.clusterId}
        hint={
          moving && current && target
            ? `Saving moves it from ${current.name} to ${target.name}; you will be asked to confirm.`
            : customer
              ? 'Choosing another cluster moves the customer there.'
              : undefined
        }
      />
      <FormField
        label="Namespace"
        required
        error={errors.fields.namespace ?? namespaceProblem}
        hint="The Kubernetes namespace: lowercase letters, digits and “-”, at most 63 characters."
      >
        <Input
          value={values.namespace}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          className="font-mono"
          placeholder="acme-prod"
          onChange={(e) => set('namespace', e.target.value)}
        />
      </FormField>
      <FormField label="Description" error={errors.fields.description}>
        <Textarea value={values.description} onChange={(e) => set('description', e.target.value)} />
      </FormField>
      <MetadataFields
        scope="customer"
        rows={values.metadata}
        errors={errors.rows}
        keyPlaceholder="tier"
        valuePlaceholder="gold"
        onChange={(rows) => {
          setValues((v) => ({ ...v, metadata: rows }));
          clear();
        }}
      />
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={saving}>
          {customer ? (moving ? 'Save and move…' : 'Save customer') : 'Create customer'}
        </Button>
        <Button variant="outline" onClick={leave}>
          Cancel
        </Button>
      </div>
      <MoveConfirmDialog
        warning={move?.warning ?? null}
        error={move?.error ?? null}
        busy={saving}
        onConfirm={() => void confirmMove()}
        onCancel={() => setMove(null)}
      />
    </form>
  );
}
