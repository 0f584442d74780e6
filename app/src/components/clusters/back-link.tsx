import { createLink, type LinkComponent } from '@tanstack/react-router';
import { ArrowLeft } from 'lucide-react';
import type { AnchorHTMLAttributes } from 'react';
import { cn } from '@/lib/utils';

function BackAnchor({ className, children, ...props }: AnchorHTMLAttributes<HTMLAnchorElement>) {
  return (
    <a
      {...props}
      className={cn(
        'mb-4 inline-flex items-center gap-1.5 rounded-sm text-muted-foreground text-sm hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring focus-visible:outline-offset-2',
        className,
      )}
    >
      <ArrowLeft className="size-4" aria-hidden="true" />
      {children}
    </a>
  );
}

const BackLinkBase = createLink(BackAnchor);

/** "← Clusters" above a page: the way up, with the same typed to/params as any router Link. */
export const BackLink: LinkComponent<typeof BackAnchor> = (props) => (
  <BackLinkBase preload="intent" {...props} />
);
