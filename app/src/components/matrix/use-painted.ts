/**
 * Whether the component's first render has been painted: false in the render that mounts it and until
 * the frame that shows it has gone by, then true (one re-render). For work that only matters once
 * something is on screen, such as the matrix's rows and columns drawn beyond the visible ones.
 */
import { useEffect, useState } from 'react';

export function usePainted(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    // The frame callback runs before that frame is painted; a task queued from it runs after it.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setPainted(true), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, []);
  return painted;
}
