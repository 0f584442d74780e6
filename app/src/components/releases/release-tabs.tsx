/** Links between the views of one release, styled as tabs; the current one is marked for assistive tech. */
import type { ReleaseId } from '@runsheet/domain';
import { Link } from '@tanstack/react-router';

const TAB =
  'inline-flex h-8 items-center rounded-md px-3 font-medium text-sm hover:text-foreground focus-visible:outline-2 focus-visible:outline-ring focus-visible:outline-offset-2';
// Colour comes from exactly one of the two, so no class order decides which wins.
const ACTIVE = 'bg-background text-foreground shadow-sm dark:bg-card';
const INACTIVE = 'text-muted-foreground';

export function ReleaseTabs({ releaseId }: { releaseId: ReleaseId }) {
  return (
    <nav aria-label="Release views" className="mb-6">
      <ul className="inline-flex gap-1 rounded-lg bg-muted p-1">
        <li>
          <Link
            to="/releases/$releaseId"
            params={{ releaseId }}
            activeOptions={{ exact: true, includeSearch: false }}
            className={TAB}
            activeProps={{ className: ACTIVE, 'aria-current': 'page' }}
            inactiveProps={{ className: INACTIVE }}
          >
            Overview
          </Link>
        </li>
        <li>
          <Link
            to="/releases/$releaseId/steps"
            params={{ releaseId }}
            className={TAB}
            activeProps={{ className: ACTIVE, 'aria-current': 'page' }}
            inactiveProps={{ className: INACTIVE }}
          >
            Template steps
          </Link>
        </li>
        <li>
          <Link
            to="/releases/$releaseId/rollout"
            params={{ releaseId }}
            className={TAB}
            activeProps={{ className: ACTIVE, 'aria-current': 'page' }}
            inactiveProps={{ className: INACTIVE }}
          >
            Rollout
          </Link>
        </li>
      </ul>
    </nav>
  );
}
