/**
 * What the command palette can offer besides navigation: the actions of the screens that are open right
 * now (the step panel, the matrix). A screen registers a getter while it is mounted; the palette asks
 * the getters when it opens, so nothing re-renders while a screen's actions change.
 */
import { useEffect, useRef } from 'react';
import type { BoundAction } from './types';

export interface ActionGroup {
  /** Heading in the palette, e.g. "Step: Deploy app — Acme". */
  title: string;
  actions: BoundAction[];
}

type Getter = () => ActionGroup;

const scopes = new Map<string, Getter>();

export function registerScope(id: string, get: Getter): () => void {
  scopes.set(id, get);
  return () => {
    if (scopes.get(id) === get) scopes.delete(id);
  };
}

/** The groups of every registered scope, most recently registered first, available actions only. */
export function currentActionGroups(): ActionGroup[] {
  return [...scopes.values()]
    .reverse()
    .map((get) => get())
    .map((g) => ({ ...g, actions: g.actions.filter((a) => a.available) }))
    .filter((g) => g.actions.length > 0);
}

/** Registers a scope for as long as the component is mounted; `get` may change every render. */
export function useActionScope(id: string, get: Getter): void {
  const latest = useRef(get);
  latest.current = get;
  useEffect(() => registerScope(id, () => latest.current()), [id]);
}
