/** The top of every release page: name, type, status, version, target date, description, actions. */
import type { Release } from '@runsheet/domain';
import { Link } from '@tanstack/react-router';
import { ArrowLeft } from 'lucide-react';
import { PageHeader } from '@/components/layout/page-header';
import { HaltNotice } from '@/components/rollout/halt-notice';
import { ReleasePresence } from '@/components/sync/presence-avatars';
import { ReleaseActions } from './release-actions';
import { ReleaseStatusBadge, ReleaseTypeBadge } from './release-badges';
import { ReleaseDate } from './release-date';

export function ReleaseHeader({ release }: { release: Release }) {
  return (
    <>
      <Link
        to="/releases"
        className="mb-3 inline-flex items-center gap-1 text-muted-foreground text-sm hover:text-foreground"
      >
        <ArrowLeft className="size-4" aria-hidden="true" />
        All releases
      </Link>
      <PageHeader
        title={release.name}
        description={
          <span className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm" data-testid="release-facts">
            <ReleaseTypeBadge type={release.type} />
            <ReleaseStatusBadge status={release.status} />
            <span>
              <span className="sr-only">Version: </span>
              {release.versionNumber ?? <span className="text-muted-foreground">No version</span>}
            </span>
            {release.releaseDate ? (
              <span>
                <span className="text-muted-foreground">Target </span>
                <ReleaseDate date={release.releaseDate} />
              </span>
            ) : (
              <span className="text-muted-foreground">No target date</span>
            )}
          </span>
        }
        actions={
          <>
            <ReleasePresence releaseId={release.id} />
            <ReleaseActions release={release} />
          </>
        }
      />
      <HaltNotice releaseId={release.id} />
      {release.description && (
        <p className="-mt-4 mb-6 max-w-3xl whitespace-pre-line text-muted-foreground">
          {release.description}
        </p>
      )}
    </>
  );
}
