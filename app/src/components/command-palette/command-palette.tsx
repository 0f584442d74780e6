/**
 * The command palette (Ctrl/Cmd+K): go to a release, a customer (with its cluster / namespace) or a
 * cluster, to a page, or run an action of the open screen (the step panel's Mark done, the matrix's
 * Collapse all, ...). Entries are the same named actions that buttons and shortcuts use.
 */
import {
  type ClusterId,
  type CustomerId,
  clusterSummaries,
  type DomainState,
  groupCustomersByCluster,
  type ReleaseId,
} from '@runsheet/domain';
import { useNavigate, useParams } from '@tanstack/react-router';
import { Command, defaultFilter } from 'cmdk';
import { Rocket, Server, User } from 'lucide-react';
import { type ReactNode, useMemo } from 'react';
import {
  clusterDestination,
  customerDestination,
  type Destination,
  pageActions,
} from '@/actions/navigation-actions';
import { type ActionGroup, currentActionGroups } from '@/actions/scope';
import { labelOf } from '@/actions/types';
import { Dialog, DialogContent, DialogDescription, DialogTitle } from '@/components/ui/dialog';
import { useCatalog, useReadModel } from '@/data';
import { count } from '@/lib/count';
import { releaseTitle } from '@/lib/release-title';
import { setPaletteOpen, usePaletteOpen } from './palette-store';

function Item({
  value,
  keywords,
  onSelect,
  icon,
  children,
  hint,
}: {
  value: string;
  keywords?: string[];
  onSelect: () => void;
  icon?: ReactNode;
  children: ReactNode;
  hint?: string;
}) {
  return (
    <Command.Item
      value={value}
      keywords={keywords}
      onSelect={onSelect}
      className="flex cursor-pointer items-center gap-2 rounded-sm px-2 py-1.5 text-sm data-[selected=true]:bg-accent data-[selected=true]:text-accent-foreground"
    >
      {icon}
      <span className="min-w-0 flex-1 truncate">{children}</span>
      {hint && <span className="font-mono text-muted-foreground text-xs">{hint}</span>}
    </Command.Item>
  );
}

/**
 * Scores an entry by the words a person sees (its keywords: name, namespace, cluster, label), never by
 * its value, which holds an id: 16 random characters matched stray letters of a query ("dashboard" listed a
 * customer whose id happened to hold them), and such an entry could even be left selected.
 */
const byWords = (_value: string, search: string, keywords?: string[]) =>
  defaultFilter(keywords?.join(' ') ?? '', search);

const groupClass =
  '[&_[cmdk-group-heading]]:px-2 [&_[cmdk-group-heading]]:py-1.5 [&_[cmdk-group-heading]]:font-medium [&_[cmdk-group-heading]]:text-muted-foreground [&_[cmdk-group-heading]]:text-xs';

export function CommandPalette() {
  const open = usePaletteOpen();
  const navigate = useNavigate();
  const params = useParams({ strict: false }) as { releaseId?: string };
  const currentRelease = (params.releaseId ?? null) as ReleaseId | null;
  const { catalog, version } = useCatalog();
  const model = useReadModel();
  /** The open release's state (is the customer one of its participants?), or the catalog alone. */
  const releaseState = (): DomainState => {
    const view = currentRelease ? model.release(currentRelease) : null;
    return view?.status === 'ready' ? view.state : { catalog, releases: {} };
  };
  // The open screens' actions, as they are at the moment the palette opens: read in the render that opens
  // it, so every item is there before the first key. (Set in an effect, they arrived a render later, and a
  // query typed at once could be left with no entry selected, so Enter did nothing.)
  const groups = useMemo<ActionGroup[]>(() => (open ? currentActionGroups() : []), [open]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` stands for the mutable catalog.
  const data = useMemo(() => {
    const releases = Object.values(catalog.releases)
      .filter((r) => r.status !== 'archived')
      .sort((a, b) => a.name.localeCompare(b.name));
    const customers = groupCustomersByCluster(catalog).flatMap((g) =>
      g.customers.map((c) => ({ customer: c, clusterName: g.cluster?.name ?? 'unknown cluster' })),
    );
    return { releases, customers, clusters: clusterSummaries(catalog) };
  }, [version]);

  const close = () => setPaletteOpen(false);
  const go = (destination: Destination) => {
    close();
    void navigate(destination as Parameters<typeof navigate>[0]);
  };
  const run = (action: () => void | Promise<void>) => {
    close();
    void action();
  };

  return (
    <Dialog open={open} onOpenChange={setPaletteOpen}>
      <DialogContent className="overflow-hidden p-0 sm:max-w-xl" showCloseButton={false}>
        <DialogTitle className="sr-only">Command palette</DialogTitle>
        <DialogDescription className="sr-only">
          Go to a release, customer or cluster, or run an action of this screen.
        </DialogDescription>
        <Command label="Command palette" vimBindings={false} loop filter={byWords} className="flex flex-col">
          <Command.Input
            placeholder="Go to a release, customer, cluster or action…"
            className="h-12 w-full border-b bg-transparent px-4 text-sm outline-none placeholder:text-muted-foreground"
          />
          <Command.List className="max-h-96 overflow-y-auto p-2">
            <Command.Empty className="px-2 py-6 text-center text-muted-foreground text-sm">
              Nothing found.
            </Command.Empty>
            {groups.map((g) => (
              <Command.Group key={g.title} heading={g.title} className={groupClass}>
                {g.actions.map((a) => {
                  const Icon = a.icon;
                  return (
                    <Item
                      key={a.id}
                      value={`${g.title} ${a.label}`}
                      keywords={[a.label, g.title]}
                      onSelect={() => run(a.run)}
                      icon={Icon ? <Icon aria-hidden="true" className="size-4" /> : undefined}
                      hint={a.keys.join('+') || undefined}
                    >
                      {a.label}
                    </Item>
                  );
                })}
              </Command.Group>
            ))}
            <Command.Group heading="Releases" className={groupClass}>
              {data.releases.map((r) => (
                <Item
                  key={r.id}
                  value={`release ${r.id}`}
                  keywords={[r.name, r.versionNumber ?? '', r.type]}
                  onSelect={() => go({ to: '/releases/$releaseId', params: { releaseId: r.id }, search: {} })}
                  icon={<Rocket aria-hidden="true" className="size-4" />}
                  hint={r.status}
                >
                  {releaseTitle(r)}
                </Item>
              ))}
            </Command.Group>
            <Command.Group heading="Clusters" className={groupClass}>
              {data.clusters.map(({ cluster, activeCustomers }) => (
                <Item
                  key={cluster.id}
                  value={`cluster ${cluster.id}`}
                  keywords={[cluster.name]}
                  onSelect={() => go(clusterDestination(cluster.id as ClusterId, currentRelease))}
                  icon={<Server aria-hidden="true" className="size-4" />}
                  hint={count(activeCustomers, 'customer')}
                >
                  {cluster.name}
                </Item>
              ))}
            </Command.Group>
            <Command.Group heading="Customers" className={groupClass}>
              {data.customers.map(({ customer, clusterName }) => (
                <Item
                  key={customer.id}
                  value={`customer ${customer.id}`}
                  keywords={[customer.name, customer.namespace, clusterName]}
                  onSelect={() =>
                    go(customerDestination(releaseState(), customer.id as CustomerId, currentRelease))
                  }
                  icon={<User aria-hidden="true" className="size-4" />}
                  hint={`${clusterName} / ${customer.namespace}`}
                >
                  {customer.name}
                </Item>
              ))}
            </Command.Group>
            <Command.Group heading="Pages" className={groupClass}>
              {pageActions.map((a) => {
                const Icon = a.icon;
                const ctx = { go };
                return (
                  <Item
                    key={a.id}
                    value={`page ${a.id}`}
                    keywords={[labelOf(a, ctx)]}
                    onSelect={() => void a.perform(ctx)}
                    icon={Icon ? <Icon aria-hidden="true" className="size-4" /> : undefined}
                  >
                    {labelOf(a, ctx)}
                  </Item>
                );
              })}
            </Command.Group>
          </Command.List>
        </Command>
      </DialogContent>
    </Dialog>
  );
}
