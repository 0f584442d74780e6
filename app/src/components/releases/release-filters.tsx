/**
 * Filters of the release list (FV-002): status and type. They live in the URL (?status=&type=), so a
 * filtered list can be bookmarked, shared and reloaded; the route parses them (release-search.ts).
 */
import { RELEASE_STATUSES, RELEASE_TYPES } from '@runsheet/domain';
import { useId } from 'react';
import { OptionSelect } from '@/components/form/option-select';
import { Button } from '@/components/ui/button';
import { Label } from '@/components/ui/label';
import { STATUS_LABEL, TYPE_LABEL } from './release-badges';
import type { ReleaseSearch } from './release-search';

const STATUS_OPTIONS = [
  { value: 'all', label: 'All statuses' },
  ...RELEASE_STATUSES.map((value) => ({ value, label: STATUS_LABEL[value] })),
] as const;
const TYPE_OPTIONS = [
  { value: 'all', label: 'All types' },
  ...RELEASE_TYPES.map((value) => ({ value, label: TYPE_LABEL[value] })),
] as const;

export function ReleaseFilters({
  search,
  onChange,
}: {
  search: ReleaseSearch;
  onChange: (next: ReleaseSearch) => void;
}) {
  const id = useId();
  const filtered = search.status !== undefined || search.type !== undefined;
  return (
    <search className="mb-4 flex flex-wrap items-end gap-4" aria-label="Filter releases">
      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-status`}>Status</Label>
        <OptionSelect
          id={`${id}-status`}
          className="w-44"
          value={search.status ?? 'all'}
          options={STATUS_OPTIONS}
          onValueChange={(v) => onChange({ ...search, status: v === 'all' ? undefined : v })}
        />
      </div>
      <div className="grid gap-1.5">
        <Label htmlFor={`${id}-type`}>Type</Label>
        <OptionSelect
          id={`${id}-type`}
          className="w-44"
          value={search.type ?? 'all'}
          options={TYPE_OPTIONS}
          onValueChange={(v) => onChange({ ...search, type: v === 'all' ? undefined : v })}
        />
      </div>
      {filtered && (
        <Button variant="ghost" onClick={() => onChange({})}>
          Clear filters
        </Button>
      )}
    </search>
  );
}
