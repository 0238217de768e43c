import { useCallback, useState } from "react";
import type { ListNotesArgs, NoteList, NoteQuery, NoteSort, ReviewTab } from "../../api/commands.gen";
import { EMPTY_QUERY } from "./labels";
import { useNotePage } from "./hooks";

export const NOTE_PAGE_SIZES = [10, 20, 50, 100];

type Paging = {
  page: number;
  pageSize: number;
  /** page → the cursor that opens it (the next_cursor of the page before), learnt by stepping forward */
  cursors: Record<number, string>;
};

const FIRST: Omit<Paging, "pageSize"> = { page: 1, cursors: {} };

/**
 * State of a note list: applied filters, server-side sort, and pages. Stepping to the next page walks the
 * keyset (cursor = next_cursor); any other jump (跳至, a page number) asks for `page: n` and the core
 * counts the offset. Pages reached by stepping keep their cursor, so going back is keyset too.
 */
export function useNoteList(enterpriseId: number, list: NoteList, defaultSort: NoteSort) {
  const [tab, setTabState] = useState<ReviewTab | null>(null);
  const [query, setQueryState] = useState<NoteQuery>(EMPTY_QUERY);
  const [sort, setSortState] = useState<{ sort: NoteSort; desc: boolean }>({ sort: defaultSort, desc: true });
  const [paging, setPaging] = useState<Paging>({ ...FIRST, pageSize: 10 });

  const cursor = paging.page > 1 ? (paging.cursors[paging.page] ?? null) : null;
  const args: ListNotesArgs = {
    enterprise_id: enterpriseId,
    list,
    tab,
    query,
    sort: sort.sort,
    desc: sort.desc,
    page_size: paging.pageSize,
    cursor,
    page: cursor ? null : paging.page,
  };
  const result = useNotePage(args);
  const nextCursor = result.isPlaceholderData ? null : (result.data?.next_cursor ?? null);

  const restart = useCallback(() => setPaging((p) => ({ ...FIRST, pageSize: p.pageSize })), []);

  const goTo = (page: number, pageSize: number) => {
    if (pageSize !== paging.pageSize) {
      setPaging({ ...FIRST, pageSize });
      return;
    }
    setPaging((p) => {
      const cursors = { ...p.cursors };
      if (page === p.page + 1 && nextCursor) cursors[page] = nextCursor;
      return { ...p, page, cursors };
    });
  };

  const setQuery = (q: NoteQuery) => {
    setQueryState(q);
    restart();
  };
  const setSort = (next: NoteSort | null, desc: boolean) => {
    setSortState(next ? { sort: next, desc } : { sort: defaultSort, desc: true });
    restart();
  };
  const setTab = (next: ReviewTab | null) => {
    setTabState(next);
    restart();
  };

  return { args, result, tab, sort, page: paging.page, pageSize: paging.pageSize, goTo, setQuery, setSort, setTab, restart };
}

export type NoteListState = ReturnType<typeof useNoteList>;
