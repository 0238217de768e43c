import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { commands, type DecideReviewArgs } from "../../api/commands.gen";
import { queryKeys } from "../../api/queryKeys";
import { unwrap } from "../../api/unwrap";

export const QUEUE_PAGE_SIZE = 20;

/** The platform's open review requests in arrival order, across brands; keyset "load more". */
export function useReviewQueue(enabled: boolean) {
  return useInfiniteQuery({
    queryKey: queryKeys.reviewQueue,
    queryFn: ({ pageParam }) => unwrap(commands.reviewQueue({ page_size: QUEUE_PAGE_SIZE, cursor: pageParam })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    enabled,
  });
}

/** 通过 / 不通过: the request leaves the queue; the brand's lists, counts and details change. */
export function useDecideReview() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (args: DecideReviewArgs) => unwrap(commands.decideReview(args)),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: queryKeys.notesAll }),
        client.invalidateQueries({ queryKey: queryKeys.historyAll }),
      ]),
  });
}

/** The N-2 checklist, in the order the reviewer ticks it. */
export const CHECKLIST = ["community", "brand_related", "recent"] as const;
export type ChecklistKey = (typeof CHECKLIST)[number];
