import { Link } from '@tanstack/react-router';
import { cn } from '@/lib/utils';
import { navItems } from './nav-items';

const linkClass =
  'inline-flex items-center gap-2 rounded-md px-3 py-2 font-medium text-muted-foreground text-sm transition-colors hover:bg-accent hover:text-accent-foreground focus-visible:outline-2 focus-visible:outline-ring focus-visible:outline-offset-2 aria-[current=page]:bg-accent aria-[current=page]:text-foreground [&_svg]:size-4 [&_svg]:shrink-0';

export interface PrimaryNavProps {
  /** 'bar' lays the links out in a row (header); 'list' stacks them (the small-screen menu). */
  layout?: 'bar' | 'list';
  className?: string;
  /** Called after a link is followed, e.g. to close the menu sheet. */
  onNavigate?: () => void;
}

export function PrimaryNav({ layout = 'bar', className, onNavigate }: PrimaryNavProps) {
  return (
    <nav aria-label="Primary" className={className}>
      <ul className={cn('flex gap-1', layout === 'list' ? 'flex-col' : 'flex-row items-center')}>
        {navItems.map(({ to, label, icon: Icon, exact }) => (
          <li key={to}>
            <Link
              to={to}
              activeOptions={{ exact, includeSearch: false }}
              className={cn(linkClass, layout === 'list' && 'w-full')}
              onClick={onNavigate}
            >
              <Icon aria-hidden="true" />
              {label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
