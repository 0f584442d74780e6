/**
 * The customers list. Up to a few hundred rows it renders them all (screen readers and find-in-page see
 * everything); beyond that only the rows near the viewport are in the DOM (@tanstack/react-virtual,
 * against the window's scroll), so filtering and sorting 1,000 customers stays within a frame or two
 * (docs/BENCHMARKS.md, "Catalog lists").
 */
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState } from 'react';
import type { CustomerSort, ListItem } from './customer-list-model';
import { CustomerRowView, GroupHeading } from './customer-row';

/** Lists longer than this are virtualized. */
export const VIRTUALIZE_FROM = 200;

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
    estimateSize: (i) => (items[i]?.kind === 'group' ? 56 : 58),
    overscan: 10,
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

export function CustomerList(props: ListProps) {
  return props.items.length > VIRTUALIZE_FROM ? <VirtualList {...props} /> : <PlainList {...props} />;
}
