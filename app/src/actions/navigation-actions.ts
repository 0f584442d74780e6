/**
 * Going places: the command palette itself (Ctrl/Cmd+K) and the top-level pages. Releases, customers and
 * clusters are listed by the palette from the data; where they lead is decided here (`targetOf*`).
 */
import type { ClusterId, CustomerId, DomainState, ReleaseId } from '@runsheet/domain';
import { Boxes, Command, LayoutDashboard, Rocket, Server, Settings, Users } from 'lucide-react';
import type { Action } from './types';

/** A place in the app, in the router's terms (kept plain so this module does not import the router). */
export type Destination =
  | { to: '/' | '/clusters' | '/releases' | '/inventory' | '/settings' }
  | { to: '/customers'; search: Record<string, never> }
  | { to: '/customers/$customerId'; params: { customerId: CustomerId } }
  | { to: '/clusters/$clusterId'; params: { clusterId: ClusterId } }
  | { to: '/releases/$releaseId'; params: { releaseId: ReleaseId }; search: { cluster?: ClusterId } }
  | {
      to: '/releases/$releaseId/customers/$customerId';
      params: { releaseId: ReleaseId; customerId: CustomerId };
    };

export interface NavigationContext {
  go: (destination: Destination) => void;
}

export interface PaletteContext {
  open: boolean;
  setOpen: (open: boolean) => void;
}

export const openPaletteAction: Action<PaletteContext> = {
  id: 'palette.open',
  label: 'Go to…',
  keys: ['Ctrl', 'K'],
  icon: Command,
  keyTest: (e) => (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'k',
  isAvailable: () => true,
  perform: (c) => c.setOpen(!c.open),
};

const goTo = (
  id: string,
  label: string,
  icon: Action<NavigationContext>['icon'],
  to: '/' | '/clusters' | '/releases' | '/inventory' | '/settings',
) =>
  ({
    id,
    label,
    icon,
    isAvailable: () => true,
    perform: (c) => c.go({ to }),
  }) satisfies Action<NavigationContext>;

export const pageActions: readonly Action<NavigationContext>[] = [
  goTo('go.dashboard', 'Dashboard', LayoutDashboard, '/'),
  goTo('go.releases', 'Releases', Rocket, '/releases'),
  goTo('go.clusters', 'Clusters', Server, '/clusters'),
  {
    id: 'go.customers',
    label: 'Customers',
    icon: Users,
    isAvailable: () => true,
    perform: (c) => c.go({ to: '/customers', search: {} }),
  },
  goTo('go.inventory', 'Inventory', Boxes, '/inventory'),
  goTo('go.settings', 'Settings', Settings, '/settings'),
];

/** A customer: its steps in the current release when it takes part, else its own page. */
export function customerDestination(
  state: DomainState,
  customerId: CustomerId,
  currentRelease: ReleaseId | null,
): Destination {
  if (currentRelease && state.releases[currentRelease]?.participants[customerId]) {
    return {
      to: '/releases/$releaseId/customers/$customerId',
      params: { releaseId: currentRelease, customerId },
    };
  }
  return { to: '/customers/$customerId', params: { customerId } };
}

/** A cluster: the current release's matrix filtered to it, else the cluster's own page. */
export function clusterDestination(clusterId: ClusterId, currentRelease: ReleaseId | null): Destination {
  if (currentRelease) {
    return {
      to: '/releases/$releaseId',
      params: { releaseId: currentRelease },
      search: { cluster: clusterId },
    };
  }
  return { to: '/clusters/$clusterId', params: { clusterId } };
}
