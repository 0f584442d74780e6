/**
 * The template steps of one category, in execution order (FS-003). Reordering
 * works three ways, all through the one `moveTemplate` command (one new order key, ID-03):
 * drag with a pointer, drag with the keyboard (focus a handle, Space, arrows, Space), or the explicit
 * Move up / Move down buttons. The new order shows at once and focus stays on the moved step.
 */
import {
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import type { Release, StepCategory, StepTemplate, TemplateId } from '@runsheet/domain';
import { moveTemplate } from '@runsheet/domain';
import { useEffect, useRef, useState } from 'react';
import { toast } from '@/components/ui/use-toast';
import { useWorkspace } from '@/state/workspace-context';
import { CATEGORY_LABEL } from './labels';
import { type ItemControl, TemplateItem } from './template-item';

export interface TemplateListProps {
  release: Release;
  category: StepCategory;
  templates: readonly StepTemplate[];
  editable: boolean;
  onEdit: (template: StepTemplate) => void;
  onDelete: (template: StepTemplate) => void;
}

/**
 * Where `ids[to]` goes in the new order `ids`, said relative to its new neighbours: after the one
 * before it, or before the one after it when it became first. Saying "after X" instead of "at 2"
 * keeps the meaning if another device moved other steps meanwhile.
 */
export function positionAt(ids: readonly TemplateId[], to: number) {
  const before = ids[to - 1];
  const after = ids[to + 1];
  if (before) return { after: before };
  if (after) return { before: after };
  return { index: 0 };
}

export function TemplateList({
  release,
  category,
  templates,
  editable,
  onEdit,
  onDelete,
}: TemplateListProps) {
  const { run } = useWorkspace();
  // The order just asked for, shown until the projection delivers the next list (then that one wins).
  const [optimistic, setOptimistic] = useState<{ base: readonly StepTemplate[]; ids: TemplateId[] } | null>(
    null,
  );
  const shown =
    optimistic && optimistic.base === templates
      ? optimistic.ids.flatMap((id) => templates.find((t) => t.id === id) ?? [])
      : templates;
  const focusAfterMove = useRef<{ id: TemplateId; control: ItemControl } | null>(null);
  const list = useRef<HTMLOListElement>(null);

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 4 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  // Reordering moves DOM nodes, which drops focus; put it back on the control that was used.
  useEffect(() => {
    const wanted = focusAfterMove.current;
    if (!wanted || !list.current) return;
    focusAfterMove.current = null;
    const item = list.current.querySelector(`[data-template-id="${CSS.escape(wanted.id)}"]`);
    const other: ItemControl = wanted.control === 'up' ? 'down' : 'up';
    const control =
      item?.querySelector<HTMLButtonElement>(`[data-control="${wanted.control}"]:not(:disabled)`) ??
      item?.querySelector<HTMLButtonElement>(`[data-control="${other}"]:not(:disabled)`);
    control?.focus();
  });

  const move = (from: number, to: number, control: ItemControl) => {
    const moved = shown[from];
    if (!moved || from === to || to < 0 || to >= shown.length) return;
    const ids = arrayMove(
      shown.map((t) => t.id),
      from,
      to,
    );
    setOptimistic({ base: templates, ids });
    focusAfterMove.current = { id: moved.id, control };
    void run(moveTemplate, {
      releaseId: release.id,
      templateId: moved.id,
      position: positionAt(ids, to),
    }).then((result) => {
      if (result.ok) return;
      setOptimistic(null);
      toast({
        variant: 'destructive',
        title: `Could not move ${moved.name}`,
        description: result.error.message,
      });
    });
  };

  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const from = shown.findIndex((t) => t.id === active.id);
    const to = shown.findIndex((t) => t.id === over.id);
    if (from >= 0 && to >= 0) move(from, to, 'handle');
  };

  const nameOf = (id: string | number) => shown.find((t) => t.id === id)?.name ?? 'step';
  const placeOf = (id: string | number) => shown.findIndex((t) => t.id === id) + 1;

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragEnd={onDragEnd}
      accessibility={{
        screenReaderInstructions: {
          draggable: `To reorder, press Space to pick the ${CATEGORY_LABEL[category].toLowerCase()} step up, the arrow keys to move it, Space again to drop it, or Escape to cancel.`,
        },
        announcements: {
          onDragStart: ({ active }) =>
            `Picked up ${nameOf(active.id)}, position ${placeOf(active.id)} of ${shown.length}.`,
          onDragOver: ({ active, over }) =>
            over
              ? `${nameOf(active.id)} is over position ${placeOf(over.id)} of ${shown.length}.`
              : undefined,
          onDragEnd: ({ active, over }) =>
            over
              ? `Dropped ${nameOf(active.id)} at position ${placeOf(over.id)} of ${shown.length}.`
              : undefined,
          onDragCancel: ({ active }) => `Cancelled. ${nameOf(active.id)} stays where it was.`,
        },
      }}
    >
      <SortableContext items={shown.map((t) => t.id)} strategy={verticalListSortingStrategy}>
        <ol ref={list} className="grid gap-3" aria-label={`${CATEGORY_LABEL[category]} steps`}>
          {shown.map((template, index) => (
            <TemplateItem
              key={template.id}
              template={template}
              index={index}
              count={shown.length}
              editable={editable}
              onMove={(direction) => move(index, direction === 'up' ? index - 1 : index + 1, direction)}
              onEdit={() => onEdit(template)}
              onDelete={() => onDelete(template)}
            />
          ))}
        </ol>
      </SortableContext>
    </DndContext>
  );
}
