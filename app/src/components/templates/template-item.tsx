/**
 * One template step in its list: a drag handle (pointer and keyboard, via dnd-kit), explicit Move
 * up / Move down buttons, edit and delete, and its content as a highlighted, copyable block.
 */

import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import type { StepTemplate } from '@runsheet/domain';
import { ArrowDown, ArrowUp, GripVertical, Pencil, Trash2 } from 'lucide-react';
import { CodeBlock } from '@/components/code/code-block';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { cn } from '@/lib/utils';
import { TYPE_LABEL } from './labels';

export type ItemControl = 'handle' | 'up' | 'down';

export interface TemplateItemProps {
  template: StepTemplate;
  index: number;
  count: number;
  editable: boolean;
  onMove: (direction: 'up' | 'down') => void;
  onEdit: () => void;
  onDelete: () => void;
}

export function TemplateItem({
  template,
  index,
  count,
  editable,
  onMove,
  onEdit,
  onDelete,
}: TemplateItemProps) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } =
    useSortable({
      id: template.id,
      disabled: !editable,
    });
  const name = template.name;

  return (
    <li
      ref={setNodeRef}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      data-template-id={template.id}
      aria-label={`${index + 1}. ${name}`}
      className={cn(
        'grid gap-3 rounded-lg border bg-card p-4 text-card-foreground',
        isDragging && 'relative z-10 shadow-lg ring-2 ring-ring',
      )}
    >
      <div className="flex flex-wrap items-center gap-2">
        {editable && (
          <button
            ref={setActivatorNodeRef}
            type="button"
            data-control="handle"
            aria-label={`Reorder ${name}`}
            className="flex size-8 cursor-grab touch-none items-center justify-center rounded-md text-muted-foreground hover:bg-accent hover:text-accent-foreground active:cursor-grabbing"
            {...attributes}
            {...listeners}
          >
            <GripVertical className="size-4" aria-hidden="true" />
          </button>
        )}
        <span className="font-mono text-muted-foreground text-sm" aria-hidden="true">
          {index + 1}.
        </span>
        <h3 className="min-w-0 flex-1 truncate font-medium">{name}</h3>
        <Badge variant="outline">{TYPE_LABEL[template.type]}</Badge>
        {editable && (
          <div className="flex flex-wrap gap-1">
            <Button
              size="icon"
              variant="ghost"
              data-control="up"
              aria-label={`Move ${name} up`}
              title="Move up"
              disabled={index === 0}
              onClick={() => onMove('up')}
            >
              <ArrowUp aria-hidden="true" />
            </Button>
            <Button
              size="icon"
              variant="ghost"
              data-control="down"
              aria-label={`Move ${name} down`}
              title="Move down"
              disabled={index === count - 1}
              onClick={() => onMove('down')}
            >
              <ArrowDown aria-hidden="true" />
            </Button>
            <Button size="sm" variant="outline" aria-label={`Edit ${name}`} onClick={onEdit}>
              <Pencil aria-hidden="true" />
              Edit
            </Button>
            <Button size="sm" variant="outline" aria-label={`Delete ${name}`} onClick={onDelete}>
              <Trash2 aria-hidden="true" />
              Delete
            </Button>
          </div>
        )}
      </div>
      {template.description && <p className="text-muted-foreground text-sm">{template.description}</p>}
      <CodeBlock code={template.content} type={template.type} label={name} />
    </li>
  );
}
