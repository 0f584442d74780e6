/** Actions of the release matrix: tabs and folding clusters (buttons in its toolbar, palette entries). */
import type { StepCategory } from '@runsheet/domain';
import { ChevronsDownUp, ChevronsUpDown, ListChecks, Rocket } from 'lucide-react';
import type { Action } from './types';

export interface MatrixActionContext {
  tab: StepCategory;
  setTab: (tab: StepCategory) => void;
  clusters: number;
  collapsed: number;
  expandAll: () => void;
  collapseAll: () => void;
}

export const showDeployAction: Action<MatrixActionContext> = {
  id: 'matrix.showDeploy',
  label: 'Show deploy steps',
  icon: Rocket,
  isAvailable: (c) => c.tab !== 'deploy',
  perform: (c) => c.setTab('deploy'),
};

export const showVerifyAction: Action<MatrixActionContext> = {
  id: 'matrix.showVerify',
  label: 'Show verify steps',
  icon: ListChecks,
  isAvailable: (c) => c.tab !== 'verify',
  perform: (c) => c.setTab('verify'),
};

export const expandAllAction: Action<MatrixActionContext> = {
  id: 'matrix.expandAll',
  label: 'Expand all',
  icon: ChevronsUpDown,
  isAvailable: (c) => c.collapsed > 0,
  perform: (c) => c.expandAll(),
};

export const collapseAllAction: Action<MatrixActionContext> = {
  id: 'matrix.collapseAll',
  label: 'Collapse all',
  icon: ChevronsDownUp,
  isAvailable: (c) => c.clusters > 0 && c.collapsed < c.clusters,
  perform: (c) => c.collapseAll(),
};

export const matrixActions: readonly Action<MatrixActionContext>[] = [
  showDeployAction,
  showVerifyAction,
  expandAllAction,
  collapseAllAction,
];
