/**
 * Who else is here: initials on each person's color, with their name for everyone (the list is labelled,
 * each avatar has its name as text for screen readers and as a tooltip for the mouse).
 *
 *   <ReleasePresence releaseId={id} />          in a release page header: others on this release
 *   <StepPresence releaseId={id} stepId={s} />  in a step panel: others on this very step
 */
import type { ReleaseId, StepId } from '@runsheet/domain';
import { Tooltip, TooltipContent, TooltipTrigger } from '@/components/ui/tooltip';
import { cn } from '@/lib/utils';
import { type Peer, usePresence } from '@/sync/presence';

export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const letters =
    words.length > 1 ? `${words[0]?.[0] ?? ''}${words.at(-1)?.[0] ?? ''}` : (words[0] ?? '?').slice(0, 2);
  return letters.toUpperCase();
}

function where(peer: Peer): string {
  if (peer.view?.stepId) return 'on a step';
  if (peer.view?.customerId) return 'on a customer';
  return 'on this release';
}

function Avatar({ peer }: { peer: Peer }) {
  return (
    <span
      aria-hidden="true"
      className="inline-flex size-7 items-center justify-center rounded-full border-2 border-background font-semibold text-[0.7rem] text-white"
      style={{ backgroundColor: peer.color }}
    >
      {initials(peer.user.name)}
    </span>
  );
}

export function PresenceAvatars({
  peers,
  label,
  className,
}: {
  peers: Peer[];
  label: string;
  className?: string;
}) {
  if (peers.length === 0) return null;
  return (
    <ul aria-label={label} className={cn('flex items-center -space-x-1.5', className)}>
      {peers.map((peer) => (
        <li key={`${peer.user.id}|${peer.device}`}>
          <Tooltip>
            <TooltipTrigger asChild>
              {/* Focusable so keyboard users reach the tooltip; the name is its accessible text. */}
              <span
                // biome-ignore lint/a11y/noNoninteractiveTabindex: the tooltip with the name must be reachable by keyboard
                tabIndex={0}
                className="inline-flex size-7 items-center justify-center rounded-full border-2 border-background font-semibold text-[0.7rem] text-white outline-none focus-visible:ring-[3px] focus-visible:ring-ring/60"
                style={{ backgroundColor: peer.color }}
              >
                <span aria-hidden="true">{initials(peer.user.name)}</span>
                <span className="sr-only">
                  {peer.user.name} ({where(peer)})
                </span>
              </span>
            </TooltipTrigger>
            <TooltipContent>
              {peer.user.name}, {where(peer)}
            </TooltipContent>
          </Tooltip>
        </li>
      ))}
    </ul>
  );
}

/** Others who have this release open, for the release page header. */
export function ReleasePresence({ releaseId, className }: { releaseId: ReleaseId; className?: string }) {
  const peers = usePresence(releaseId);
  return <PresenceAvatars peers={peers} label="Also looking at this release" className={className} />;
}

/** Others who have this step open, for the step panel. */
export function StepPresence({
  releaseId,
  stepId,
  className,
}: {
  releaseId: ReleaseId;
  stepId: StepId;
  className?: string;
}) {
  const peers = usePresence(releaseId).filter((p) => p.view?.stepId === stepId);
  if (peers.length === 0) return null;
  const names = peers.map((p) => p.user.name).join(', ');
  return (
    <div className={cn('flex items-center gap-2 text-muted-foreground text-sm', className)}>
      {/* The sentence beside them names everyone; the avatars only add color. */}
      <span className="flex -space-x-1.5">
        {peers.map((peer) => (
          <Avatar key={`${peer.user.id}|${peer.device}`} peer={peer} />
        ))}
      </span>
      <span>
        {names} {peers.length === 1 ? 'has' : 'have'} this step open
      </span>
    </div>
  );
}
