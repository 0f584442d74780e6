/** Actions of one customer's step list (FV-004): Mark all per category (FET-004), Add custom step (FCS-003). */
import type { StepCategory } from '@runsheet/domain';
import { ListChecks, Plus } from 'lucide-react';
import type { Action } from './types';

export interface CategoryActionContext {
  category: StepCategory;
  /** "Deploy" / "Verify" */
  categoryLabel: string;
  pending: number;
  editable: boolean;
  /** Why the customer's wave refuses done now (WV-05, WV-08); null when it does not. */
  lock: string | null;
  confirmMarkAll: (category: StepCategory) => void;
  addCustomStep: (category: StepCategory) => void;
}

export const markAllAction: Action<CategoryActionContext> = {
  id: 'customer.markAll',
  label: (c) => `Mark all ${c.categoryLabel.toLowerCase()} steps done`,
  icon: ListChecks,
  // SS-03: every pending step of the category; nothing to do when none is pending.
  isAvailable: (c) => c.editable && c.lock === null && c.pending > 0,
  perform: (c) => c.confirmMarkAll(c.category),
};

export const addCustomStepAction: Action<CategoryActionContext> = {
  id: 'customer.addCustomStep',
  label: (c) => `Add custom ${c.categoryLabel.toLowerCase()} step`,
  icon: Plus,
  isAvailable: (c) => c.editable,
  perform: (c) => c.addCustomStep(c.category),
};

export const customerActions: readonly Action<CategoryActionContext>[] = [markAllAction, addCustomStepAction];
