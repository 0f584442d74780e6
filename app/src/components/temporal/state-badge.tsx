import { isFailedStatus, type WorkflowStatusName } from '@runsheet/doc';
import { Badge, type BadgeProps } from '@/components/ui/badge';

/** States come from someone else's workflows: colour the common words, show any other as it is. */
function variantOf(state: string): BadgeProps['variant'] {
  const s = state.toLowerCase();
  if (/(fail|error|terminat|cancel|timed.?out|rollback)/.test(s)) return 'destructive';
  if (/(deployed|done|complete|success|succeeded|healthy|finished)/.test(s)) return 'success';
  if (/(deploying|running|progress|started|active|rolling)/.test(s)) return 'warning';
  return 'outline';
}

export function StateBadge({ state }: { state: string }) {
  return <Badge variant={variantOf(state)}>{state}</Badge>;
}

/** The workflow's own status, shown when it ended badly (or is not running): FAILED, TERMINATED, ... */
export function WorkflowStatusBadge({ status }: { status: WorkflowStatusName }) {
  if (status === 'RUNNING') return null;
  return (
    <Badge variant={isFailedStatus(status) ? 'destructive' : 'secondary'}>
      workflow {status.toLowerCase().replace(/_/g, ' ')}
    </Badge>
  );
}

export function TemporalBadge() {
  return (
    <Badge variant="secondary" title="Read from a Temporal release workflow; read-only here">
      Temporal
    </Badge>
  );
}
