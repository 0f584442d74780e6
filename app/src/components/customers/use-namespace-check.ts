import {
  type ClusterId,
  type Customer,
  checkNamespace,
  customerWithNamespace,
  isId,
  reasonText,
} from '@runsheet/domain';
import { useWorkspace } from '@/state/workspace-context';

/**
 * The namespace's problem while it is typed, in the domain's words: not a Kubernetes name (VA-01), or
 * already used by another active customer on the chosen cluster (BR-M01). Null when fine or still empty
 * (an empty namespace is reported when the form is saved). The save checks again, so this is a help,
 * not the guard.
 */
export function useNamespaceCheck({
  namespace,
  clusterId,
  customer,
}: {
  namespace: string;
  clusterId: string;
  customer: Customer | undefined;
}): string | null {
  const { local } = useWorkspace();
  if (namespace === '') return null;
  const checked = checkNamespace(namespace);
  if (!checked.ok) return checked.error.message;
  // An archived customer is not held to BR-M01 until it is restored.
  if (customer && !customer.isActive) return null;
  if (!isId(clusterId, 'cluster')) return null;
  const other = customerWithNamespace(
    local.state.catalog,
    clusterId as ClusterId,
    checked.value,
    customer?.id,
  );
  return other ? `${reasonText('namespace-taken')} Used by ${other.name}.` : null;
}
