/** The matrix legend (FV-003): each status and marker with its icon and word. */
import { STEP_STATUSES } from '@runsheet/domain';
import { MARKERS, type MarkerName, STATUS_META, StatusIcon } from '@/components/steps/status-meta';

export function MatrixLegend() {
  return (
    <section aria-labelledby="matrix-legend" className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
      <h2 id="matrix-legend" className="font-medium text-muted-foreground">
        Legend
      </h2>
      <ul className="flex flex-wrap items-center gap-x-4 gap-y-2">
        {STEP_STATUSES.map((status) => (
          <li key={status} className="flex items-center gap-1.5">
            <span className={`inline-flex rounded-sm border p-0.5 ${STATUS_META[status].cellClass}`}>
              <StatusIcon status={status} />
            </span>
            {STATUS_META[status].label}
          </li>
        ))}
        {(Object.keys(MARKERS) as MarkerName[]).map((name) => {
          const { icon: Icon, label } = MARKERS[name];
          return (
            <li key={name} className="flex items-center gap-1.5">
              <Icon aria-hidden="true" className="size-4 text-muted-foreground" />
              {label}
            </li>
          );
        })}
        <li className="flex items-center gap-1.5">
          <span aria-hidden="true" className="inline-block h-4 w-3 border-l-2 border-l-primary/40 bg-muted" />
          Cluster column: done of its customers; Enter folds or unfolds it
        </li>
      </ul>
    </section>
  );
}
