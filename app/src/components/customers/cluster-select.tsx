import type { Cluster } from '@runsheet/domain';
import { FormField } from '@/components/form/form-field';
import { Select, SelectContent, SelectItem, SelectTrigger, SelectValue } from '@/components/ui/select';

/** The cluster a customer runs on; each choice shows its kubeconfig path, so alike names stay apart. */
export function ClusterSelect({
  clusters,
  value,
  onChange,
  error,
  hint,
}: {
  clusters: readonly Cluster[];
  value: string;
  onChange: (clusterId: string) => void;
  error?: string | undefined;
  hint?: string | undefined;
}) {
  return (
    <Select value={value} onValueChange={onChange}>
      <FormField label="Cluster" required error={error} hint={hint}>
        <SelectTrigger className="w-full max-w-sm">
          <SelectValue placeholder="Choose a cluster" />
        </SelectTrigger>
      </FormField>
      <SelectContent>
        {clusters.map((c) => (
          <SelectItem key={c.id} value={c.id}>
            {c.name}
            {c.kubeconfigPath && (
              <span className="font-mono text-muted-foreground text-xs"> {c.kubeconfigPath}</span>
            )}
          </SelectItem>
        ))}
      </SelectContent>
    </Select>
  );
}
