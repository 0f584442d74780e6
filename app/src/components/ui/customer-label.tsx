/**
 * How a customer is named everywhere (docs/SPEC.md "Asked for": wherever a customer is shown): its name
 * together with its cluster and namespace, so nobody acts on the wrong tenant. Use this instead of printing
 * a customer's name alone.
 */
import { cn } from '@/lib/utils';

export interface CustomerLabelProps {
  name: string;
  namespace: string;
  clusterName: string | null;
  archived?: boolean;
  className?: string;
  /** `inline`: one line; `stacked`: context under the name (matrix column headers). */
  layout?: 'inline' | 'stacked';
}

export function CustomerLabel({
  name,
  namespace,
  clusterName,
  archived,
  className,
  layout = 'inline',
}: CustomerLabelProps) {
  const context = `${clusterName ?? 'unknown cluster'} / ${namespace}`;
  return (
    <span
      className={cn(
        layout === 'stacked' ? 'inline-flex flex-col' : 'inline-flex flex-wrap items-baseline gap-x-1.5',
        className,
      )}
      data-customer-context={context}
    >
      <span className="font-medium">{name}</span>
      <span className="font-mono text-muted-foreground text-xs">
        {layout === 'inline' ? `(${context})` : context}
      </span>
      {archived && <span className="text-muted-foreground text-xs">archived</span>}
    </span>
  );
}
