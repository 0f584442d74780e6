import { describe, expect, it } from 'vitest';
import { clampPos, moveFocus } from './grid-navigation';

const size = { rows: 10, cols: 5, pageRows: 4 };

describe('matrix keyboard navigation (grid pattern)', () => {
  it('moves one cell with the arrows and stops at the edges (headers included)', () => {
    expect(moveFocus({ row: 0, col: 0 }, { key: 'ArrowRight' }, size)).toEqual({ row: 0, col: 1 });
    expect(moveFocus({ row: 0, col: 0 }, { key: 'ArrowDown' }, size)).toEqual({ row: 1, col: 0 });
    expect(moveFocus({ row: 0, col: 0 }, { key: 'ArrowUp' }, size)).toEqual({ row: -1, col: 0 });
    expect(moveFocus({ row: -1, col: 0 }, { key: 'ArrowUp' }, size)).toEqual({ row: -1, col: 0 });
    expect(moveFocus({ row: 0, col: 0 }, { key: 'ArrowLeft' }, size)).toEqual({ row: 0, col: -1 });
    expect(moveFocus({ row: 0, col: -1 }, { key: 'ArrowLeft' }, size)).toEqual({ row: 0, col: -1 });
    expect(moveFocus({ row: 9, col: 4 }, { key: 'ArrowRight' }, size)).toEqual({ row: 9, col: 4 });
    expect(moveFocus({ row: 9, col: 4 }, { key: 'ArrowDown' }, size)).toEqual({ row: 9, col: 4 });
  });

  it('Home/End go along the row; with Ctrl or Cmd to the corners of the grid', () => {
    expect(moveFocus({ row: 3, col: 2 }, { key: 'Home' }, size)).toEqual({ row: 3, col: -1 });
    expect(moveFocus({ row: 3, col: 2 }, { key: 'End' }, size)).toEqual({ row: 3, col: 4 });
    expect(moveFocus({ row: 3, col: 2 }, { key: 'Home', ctrlKey: true }, size)).toEqual({ row: -1, col: -1 });
    expect(moveFocus({ row: 3, col: 2 }, { key: 'End', metaKey: true }, size)).toEqual({ row: 9, col: 4 });
  });

  it('PageUp/PageDown move by a page of rows, clamped', () => {
    expect(moveFocus({ row: 3, col: 2 }, { key: 'PageDown' }, size)).toEqual({ row: 7, col: 2 });
    expect(moveFocus({ row: 7, col: 2 }, { key: 'PageDown' }, size)).toEqual({ row: 9, col: 2 });
    expect(moveFocus({ row: 2, col: 2 }, { key: 'PageUp' }, size)).toEqual({ row: -1, col: 2 });
  });

  it('ignores other keys', () => {
    expect(moveFocus({ row: 0, col: 0 }, { key: 'Enter' }, size)).toBeNull();
    expect(moveFocus({ row: 0, col: 0 }, { key: 'd' }, size)).toBeNull();
  });

  it('keeps a remembered position inside a grid that shrank under a filter', () => {
    expect(clampPos({ row: 8, col: 4 }, { rows: 2, cols: 1, pageRows: 4 })).toEqual({ row: 1, col: 0 });
    expect(clampPos({ row: 0, col: 0 }, { rows: 0, cols: 0, pageRows: 4 })).toEqual({ row: -1, col: -1 });
  });
});
