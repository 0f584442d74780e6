import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';

/** A calm placeholder for a list with nothing in it yet. */
export function EmptyState({
  icon: Icon,
  title,
  children,
}: {
  icon: LucideIcon;
  title: string;
  children?: ReactNode;
}) {
  return (
    <div className="flex flex-col items-center justify-center gap-3 rounded-xl border border-dashed px-6 py-16 text-center">
      <div className="flex size-12 items-center justify-center rounded-full bg-muted">
        <Icon className="size-6 text-muted-foreground" aria-hidden="true" />
      </div>
      <h2 className="font-medium text-lg">{title}</h2>
      {children !== undefined && <div className="max-w-md text-muted-foreground text-sm">{children}</div>}
    </div>
  );
}
