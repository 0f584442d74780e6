/**
 * Type and status badges (FV-002). Each carries an icon and a word, so colour is never the only cue.
 */
import type { ReleaseStatus, ReleaseType } from '@runsheet/domain';
import { Archive, CirclePlay, FilePen, Flame, Rocket, UserPlus } from 'lucide-react';
import { Badge, type BadgeProps } from '@/components/ui/badge';

export const TYPE_LABEL: Record<ReleaseType, string> = {
  onboarding: 'Onboarding',
  release: 'Release',
  hotfix: 'Hotfix',
};

export const STATUS_LABEL: Record<ReleaseStatus, string> = {
  draft: 'Draft',
  active: 'Active',
  archived: 'Archived',
};

const TYPE_STYLE: Record<ReleaseType, { variant: BadgeProps['variant']; icon: typeof Rocket }> = {
  onboarding: { variant: 'secondary', icon: UserPlus },
  release: { variant: 'default', icon: Rocket },
  hotfix: { variant: 'warning', icon: Flame },
};

const STATUS_STYLE: Record<ReleaseStatus, { variant: BadgeProps['variant']; icon: typeof Rocket }> = {
  draft: { variant: 'outline', icon: FilePen },
  active: { variant: 'success', icon: CirclePlay },
  archived: { variant: 'secondary', icon: Archive },
};

export function ReleaseTypeBadge({ type }: { type: ReleaseType }) {
  const { variant, icon: Icon } = TYPE_STYLE[type];
  return (
    <Badge variant={variant} data-release-type={type}>
      <Icon aria-hidden="true" />
      {TYPE_LABEL[type]}
    </Badge>
  );
}

export function ReleaseStatusBadge({ status }: { status: ReleaseStatus }) {
  const { variant, icon: Icon } = STATUS_STYLE[status];
  return (
    <Badge variant={variant} data-release-status={status}>
      <Icon aria-hidden="true" />
      {STATUS_LABEL[status]}
    </Badge>
  );
}
