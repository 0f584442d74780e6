/**
 * BR-M02's warning: where this customer's commands ran, and where they will run after the move. The
 * kube context is the cluster's name and kubeconfig path (and its `context` metadata when set).
 */
import type { ClusterContext, MoveWarning } from '@runsheet/domain';

export function contextText(c: ClusterContext): string {
  const parts = [c.kubeconfigPath, c.kubeContext ? `context ${c.kubeContext}` : null].filter(Boolean);
  return parts.length > 0 ? `${c.name} (${parts.join(', ')})` : c.name;
}

export function MoveWarningView({
  warning,
  releaseNames,
}: {
  warning: MoveWarning;
  /** Names of the active releases the customer takes part in. */
  releaseNames: readonly string[];
}) {
  const { from, to } = warning;
  const showContext = from.kubeContext !== null || to.kubeContext !== null;
  return (
    <div className="grid gap-3 text-sm" data-testid="move-warning">
      <p className="rounded-md border border-warning bg-warning/10 px-3 py-2">
        Kube context changes from <strong>{contextText(from)}</strong> to <strong>{contextText(to)}</strong>.
        Every step for {warning.customerName} runs against the new context from now on.
      </p>
      <table className="w-full text-left">
        <caption className="sr-only">Before and after the move</caption>
        <thead>
          <tr className="border-b">
            <th scope="col" className="py-1 pr-3 font-medium">
              <span className="sr-only">What</span>
            </th>
            <th scope="col" className="py-1 pr-3 font-medium">
              From
            </th>
            <th scope="col" className="py-1 font-medium">
              To
            </th>
          </tr>
        </thead>
        <tbody className="align-top">
          <tr>
            <th scope="row" className="py-1 pr-3 font-normal text-muted-foreground">
              Cluster
            </th>
            <td className="py-1 pr-3 break-all">{from.name}</td>
            <td className="py-1 break-all font-medium">{to.name}</td>
          </tr>
          <tr>
            <th scope="row" className="py-1 pr-3 font-normal text-muted-foreground">
              Kubeconfig
            </th>
            <td className="py-1 pr-3 break-all font-mono">{from.kubeconfigPath ?? 'none'}</td>
            <td className="py-1 break-all font-mono">{to.kubeconfigPath ?? 'none'}</td>
          </tr>
          {showContext && (
            <tr>
              <th scope="row" className="py-1 pr-3 font-normal text-muted-foreground">
                Context
              </th>
              <td className="py-1 pr-3 break-all font-mono">{from.kubeContext ?? 'none'}</td>
              <td className="py-1 break-all font-mono">{to.kubeContext ?? 'none'}</td>
            </tr>
          )}
          <tr>
            <th scope="row" className="py-1 pr-3 font-normal text-muted-foreground">
              Namespace
            </th>
            <td className="py-1 pr-3 break-all font-mono">{warning.namespaceFrom}</td>
            <td className="py-1 break-all font-mono">{warning.namespaceTo}</td>
          </tr>
        </tbody>
      </table>
      <p className="text-muted-foreground">
        {releaseNames.length === 0
          ? 'It takes part in no active release.'
          : `Its pending steps in ${releaseNames.join(', ')} will run on ${to.name}. Steps already done keep what they ran.`}
      </p>
    </div>
  );
}
