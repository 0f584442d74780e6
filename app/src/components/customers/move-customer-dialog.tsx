/**
 * FM-002 / BR-M02 from the customer's page: pick the cluster (and, if the namespace is taken there, a
 * new namespace); the warning with the old and new kube context shows before the Move button can be
 * pressed. The preview runs the same checks as the move, so what the dialog shows is what happens.
 */
import {
  type Cluster,
  type ClusterId,
  type Customer,
  moveCustomer,
  previewMoveCustomer,
} from '@runsheet/domain';
import { ArrowRightLeft } from 'lucide-react';
import { useState } from 'react';
import { FormAlert } from '@/components/form/form-alert';
import { FormField } from '@/components/form/form-field';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog';
import { Input } from '@/components/ui/input';
import { toast } from '@/components/ui/use-toast';
import { useWorkspace } from '@/state/workspace-context';
import { ClusterSelect } from './cluster-select';
import { useReleaseNames } from './move-confirm-dialog';
import { MoveWarningView } from './move-warning';

export function MoveCustomerDialog({
  customer,
  clusters,
}: {
  customer: Customer;
  clusters: readonly Cluster[];
}) {
  const { run, local } = useWorkspace();
  const [open, setOpen] = useState(false);
  const [clusterId, setClusterId] = useState('');
  const [namespace, setNamespace] = useState(customer.namespace);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const targets = clusters.filter((c) => c.id !== customer.clusterId);

  const preview =
    clusterId === ''
      ? null
      : previewMoveCustomer(local.state, {
          customerId: customer.id,
          clusterId: clusterId as ClusterId,
          ...(namespace !== customer.namespace ? { namespace } : {}),
        });
  const warning = preview?.ok ? preview.value : null;
  const releaseNames = useReleaseNames(warning);
  const problem = preview && !preview.ok ? preview.error : null;

  const reset = () => {
    setClusterId('');
    setNamespace(customer.namespace);
    setError(null);
  };

  const confirm = async () => {
    if (!warning) return;
    setBusy(true);
    const result = await run(moveCustomer, {
      customerId: customer.id,
      clusterId: warning.to.clusterId,
      ...(namespace !== customer.namespace ? { namespace } : {}),
    });
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setOpen(false);
    reset();
    toast({ title: `Moved to ${result.value.to.name}`, description: customer.name });
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) reset();
      }}
    >
      <DialogTrigger asChild>
        <Button variant="outline" disabled={!customer.isActive || targets.length === 0}>
          <ArrowRightLeft aria-hidden="true" />
          Move…
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>Move {customer.name} to another cluster</DialogTitle>
          <DialogDescription>Its steps will run against the new cluster’s kube context.</DialogDescription>
        </DialogHeader>
        <div className="grid gap-4">
          <ClusterSelect
            clusters={targets}
            value={clusterId}
            onChange={(id) => {
              setClusterId(id);
              setError(null);
            }}
            error={problem && problem.field === 'clusterId' ? problem.message : undefined}
          />
          <FormField
            label="Namespace on the new cluster"
            error={problem && problem.field === 'namespace' ? problem.message : undefined}
            hint="Keep it, unless another customer uses it there."
          >
            <Input
              value={namespace}
              className="font-mono"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              onChange={(e) => {
                setNamespace(e.target.value);
                setError(null);
              }}
            />
          </FormField>
          {problem && problem.field !== 'clusterId' && problem.field !== 'namespace' && (
            <FormAlert>{problem.message}</FormAlert>
          )}
          {warning && <MoveWarningView warning={warning} releaseNames={releaseNames} />}
          {error && <FormAlert>{error}</FormAlert>}
        </div>
        <DialogFooter>
          <Button variant="outline" onClick={() => setOpen(false)}>
            Cancel
          </Button>
          <Button onClick={() => void confirm()} disabled={!warning || busy}>
            {warning ? `Move to ${warning.to.name}` : 'Move'}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
