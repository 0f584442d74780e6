import { Boxes, LayoutDashboard, type LucideIcon, Rocket, Server, Settings, Users } from 'lucide-react';

// The primary navigation (dashboard, clusters, customers, releases), plus Settings.

export interface NavItem {
  to: '/' | '/clusters' | '/customers' | '/releases' | '/inventory' | '/settings';
  label: string;
  icon: LucideIcon;
  /** Dashboard is active only on "/" itself; the others also for their child pages. */
  exact: boolean;
}

export const navItems: readonly NavItem[] = [
  { to: '/', label: 'Dashboard', icon: LayoutDashboard, exact: true },
  { to: '/clusters', label: 'Clusters', icon: Server, exact: false },
  { to: '/customers', label: 'Customers', icon: Users, exact: false },
  { to: '/releases', label: 'Releases', icon: Rocket, exact: false },
  { to: '/inventory', label: 'Inventory', icon: Boxes, exact: false },
  { to: '/settings', label: 'Settings', icon: Settings, exact: false },
];
