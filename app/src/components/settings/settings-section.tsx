import type { ReactNode } from 'react';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { cn } from '@/lib/utils';

/** One card of the settings page, titled with an <h2> so the page outline lists the sections. */
export function SettingsSection({
  id,
  title,
  description,
  children,
  wide = false,
}: {
  id: string;
  /** Spans both columns of the settings grid (tables). */
  wide?: boolean;
  title: string;
  description?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <Card aria-labelledby={`${id}-title`} role="region" className={cn(wide && 'md:col-span-2')}>
      <CardHeader>
        <CardTitle asChild>
          <h2 id={`${id}-title`}>{title}</h2>
        </CardTitle>
        {description !== undefined && <CardDescription>{description}</CardDescription>}
      </CardHeader>
      {children !== undefined && <CardContent className="grid gap-4">{children}</CardContent>}
    </Card>
  );
}
