import { useCallback, useState } from "react";

export const PAGE_SIZES = [10, 20, 50, 100] as const;

/**
 * Keyset pagination state: a stack of the cursors that opened each page seen so far.
 * The top is the cursor for the current page (null = first page). No offsets.
 */
export function useCursorPager(initialSize: number = 20) {
  const [pageSize, setPageSizeState] = useState(initialSize);
  const [stack, setStack] = useState<(string | null)[]>([null]);

  const reset = useCallback(() => setStack([null]), []);
  const next = useCallback((cursor: string) => setStack((s) => [...s, cursor]), []);
  const prev = useCallback(() => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)), []);
  const setPageSize = useCallback((size: number) => {
    setPageSizeState(size);
    setStack([null]);
  }, []);

  return {
    pageSize,
    cursor: stack[stack.length - 1],
    page: stack.length,
    hasPrev: stack.length > 1,
    next,
    prev,
    reset,
    setPageSize,
  };
}

export type CursorPagerState = ReturnType<typeof useCursorPager>;
