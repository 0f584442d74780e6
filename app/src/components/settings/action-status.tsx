/**
 * The outcome of the last action in a settings section: success in a polite status line, failure in an
 * alert. Two fixed elements, because a live region that changes its role is not reliably announced.
 */
export interface ActionOutcome {
  text: string;
  error: boolean;
}

export function ActionStatus({ outcome }: { outcome: ActionOutcome | null }) {
  return (
    <>
      <p role="status" className="text-sm empty:hidden">
        {outcome && !outcome.error ? outcome.text : ''}
      </p>
      <p role="alert" className="text-destructive text-sm empty:hidden">
        {outcome?.error ? outcome.text : ''}
      </p>
    </>
  );
}
