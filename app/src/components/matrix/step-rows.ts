/** One template's row of the status matrix, per cluster (the data of FV-005). */
import {
  cellFlags,
  cellStatus,
  type MatrixClusterGroup,
  type MatrixColumn,
  type MatrixRow,
  type StatusMatrix,
  type StepId,
  type StepStatus,
  type TemplateId,
  templateStepId,
} from '@runsheet/domain';

export interface StepRowItem {
  column: MatrixColumn;
  /** Null when this customer has no such step (a deleted template it never ran). */
  status: StepStatus | null;
  overridden: boolean;
  stepId: StepId;
}

export interface StepRowGroup extends Pick<MatrixClusterGroup, 'clusterId' | 'name'> {
  items: StepRowItem[];
}

export function stepRows(
  m: StatusMatrix,
  templateId: TemplateId,
): { row: MatrixRow | null; groups: StepRowGroup[] } {
  const index = m.rows.findIndex((r) => r.templateId === templateId);
  const row = m.rows[index] ?? null;
  if (!row) return { row: null, groups: [] };
  const groups = m.clusters.map((g) => {
    const items: StepRowItem[] = [];
    for (let col = g.start; col < g.end; col++) {
      const column = m.columns[col] as MatrixColumn;
      items.push({
        column,
        status: cellStatus(m, index, col),
        overridden: cellFlags(m, index, col).overridden,
        stepId: templateStepId(column.customerId, templateId),
      });
    }
    return { clusterId: g.clusterId, name: g.name, items };
  });
  return { row, groups };
}
