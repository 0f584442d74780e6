/**
 * The customers list. With up to a few hundred customers it renders every row (screen readers and
 * find-in-page see everything); beyond that only the rows near the viewport are in the DOM
 * (@tanstack/react-virtual, against the window's scroll), so filtering and sorting 1,000 customers
 * stays within a frame or two (docs/BENCHMARKS.md, "Catalog lists"). The choice follows the size of the
 * catalog, not of the filtered list, so a filter never swaps one list for the other (a full remount).
 */
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState } from 'react';
import type { CustomerSort, ListItem } from './customer-list-model';
import { CustomerRowView, GroupHeading } from './customer-row';

/** Catalogs with more customers than this get the virtualized list. */
export const VIRTUALIZE_FROM = 200;

/**
 * Row heights as rendered (px): a customer row is one line wide and two lines on a phone, where the
 * progress wraps under the name. Exact estimates matter: every row whose measured height differs from
 * its estimate costs the list another render.
 */
const GROUP_HEIGHT = 56;
function rowHeight(): number {
  return typeof window !== 'undefined' && window.innerWidth < 600 ? 89 : 57;
}

function Item({ item }: { item: ListItem }) {
  return item.kind === 'group' ? <GroupHeading item={item} /> : <CustomerRowView row={item.row} />;
}

interface ListProps {
  items: readonly ListItem[];
  /** What the list shows, for tests and the benchmark to know the render has landed. */
  state: { sort: CustomerSort; dir: string; count: number; filterKey: string };
}

function dataAttributes(state: ListProps['state']) {
  return {
    'data-sort': state.sort,
    'data-dir': state.dir,
    'data-count': state.count,
    'data-filter': state.filterKey,
  };
}

function PlainList({ items, state }: ListProps) {
  return (
    <ul aria-label="Customers" data-testid="customer-list" {...dataAttributes(state)}>
      {items.map((item) => (
        <li key={item.key}>
          <Item item={item} />
        </li>
      ))}
    </ul>
  );
}

function VirtualList({ items, state }: ListProps) {
  const list = useRef<HTMLUListElement>(null);
  const [offset, setOffset] = useState(0);
  // Where the list starts on the page: the virtualizer measures the window's scroll from there. Checked
  // after every render, because a notice above the list can appear or go.
  useLayoutEffect(() => {
    const top = (list.current?.getBoundingClientRect().top ?? 0) + window.scrollY;
    setOffset((previous) => (Math.abs(previous - top) < 1 ? previous : top));
  });
  const virtualizer = useWindowVirtualizer({
    count: items.length,
    estimateSize: (i) => (items[i]?.kind === 'group' ? GROUP_HEIGHT : rowHeight()),
    overscan: 6,
    scrollMargin: offset,
    getItemKey: (i) => items[i]?.key ?? i,
  });
  return (
    <ul
      ref={list}
      aria-label="Customers"
      data-testid="customer-list"
      data-virtual="true"
      {...dataAttributes(state)}
      className="relative"
      style={{ height: virtualizer.getTotalSize() }}
    >
      {virtualizer.getVirtualItems().map((v) => {
        const item = items[v.index];
        if (!item) return null;
        return (
          <li
            key={v.key}
            data-index={v.index}
            ref={virtualizer.measureElement}
            aria-setsize={items.length}
            aria-posinset={v.index + 1}
            className="absolute top-0 left-0 w-full"
            style={{ transform: `translateY(${v.start - virtualizer.options.scrollMargin}px)` }}
          >
            <Item item={item} />
          </li>
        );
      })}
    </ul>
  );
}

export function CustomerList({ virtual, ...props }: ListProps & { virtual: boolean }) {
  return virtual ? <VirtualList {...props} /> : <PlainList {...props} />;
}
