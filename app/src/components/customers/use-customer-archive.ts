/**
 * Archive and restore a customer (FM-003, BR-M03): archived, never deleted, so its release history
 * stays. A refused restore (its cluster is archived, its namespace was taken meanwhile) is kept to show
 * beside the button, in the domain's words.
 */
import { archiveCustomer, type Customer, restoreCustomer } from '@runsheet/domain';
import { useState } from 'react';
import { toast } from '@/components/ui/use-toast';
import { useWorkspace } from '@/state/workspace-context';

export function useCustomerArchive(customer: Customer) {
  const { run } = useWorkspace();
  const [error, setError] = useState<string | null>(null);

  const restore = async () => {
    const result = await run(restoreCustomer, { customerId: customer.id });
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setError(null);
    toast({ title: 'Customer restored', description: customer.name });
  };

  const archive = async () => {
    const result = await run(archiveCustomer, { customerId: customer.id });
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setError(null);
    toast({
      title: 'Customer archived',
      description: `${customer.name} — its release history is kept.`,
      action: { label: 'Undo', altText: `Restore ${customer.name}`, onClick: () => void restore() },
    });
  };

  return { archive, restore, error, dismiss: () => setError(null) };
}
