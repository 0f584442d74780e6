/**
 * Keyboard movement in the matrix grid (WAI-ARIA grid pattern): arrows move one cell, Home/End go to
 * the first/last cell of the row, Ctrl+Home/End to the first/last cell of the grid, PageUp/PageDown by
 * a page of rows. Positions include the header row (row -1) and the step-name column (col -1), so every
 * header is reachable too. Pure, so the rules are tested without a browser.
 */

export interface GridPos {
  /** -1 is the header row; 0.. are step rows. */
  row: number;
  /** -1 is the step-name column; 0.. are cluster and customer columns. */
  col: number;
}

export interface GridSize {
  rows: number;
  cols: number;
  /** Rows a PageUp/PageDown moves. */
  pageRows: number;
}

export interface KeyInput {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
}

const clamp = (value: number, min: number, max: number) => Math.max(min, Math.min(max, value));

/** Keeps a position inside the grid (rows and columns can disappear under a filter). */
export function clampPos(pos: GridPos, size: GridSize): GridPos {
  return { row: clamp(pos.row, -1, size.rows - 1), col: clamp(pos.col, -1, size.cols - 1) };
}

/** Where `key` moves focus from `pos`, or null when the key is not a movement key. */
export function moveFocus(pos: GridPos, key: KeyInput, size: GridSize): GridPos | null {
  const lastRow = size.rows - 1;
  const lastCol = size.cols - 1;
  const toCorner = key.ctrlKey || key.metaKey;
  let next: GridPos;
  switch (key.key) {
    case 'ArrowUp':
      next = { row: pos.row - 1, col: pos.col };
      break;
    case 'ArrowDown':
      next = { row: pos.row + 1, col: pos.col };
      break;
    case 'ArrowLeft':
      next = { row: pos.row, col: pos.col - 1 };
      break;
    case 'ArrowRight':
      next = { row: pos.row, col: pos.col + 1 };
      break;
    case 'Home':
      next = toCorner ? { row: -1, col: -1 } : { row: pos.row, col: -1 };
      break;
    case 'End':
      next = toCorner ? { row: lastRow, col: lastCol } : { row: pos.row, col: lastCol };
      break;
    case 'PageUp':
      next = { row: pos.row - size.pageRows, col: pos.col };
      break;
    case 'PageDown':
      next = { row: pos.row + size.pageRows, col: pos.col };
      break;
    default:
      return null;
  }
  return clampPos(next, size);
}
