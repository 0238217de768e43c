import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import {
  commands,
  type BoostNoteArgs,
  type DataCenterArgs,
  type ExportDataCenterArgs,
  type ExportListArgs,
  type ExportNotesArgs,
  type JobProgress,
  type ListNotesArgs,
  type PreviewNoteFileArgs,
  type StartNoteImportArgs,
} from "../../api/commands.gen";
import { isApiError } from "../../api/apiError";
import { queryKeys } from "../../api/queryKeys";
import { unwrap } from "../../api/unwrap";

/** A big import has dropped the queue indexes and is building them again: the lists come back by themselves. */
export function isIndexing(error: unknown): boolean {
  return isApiError(error) && error.code === "indexing";
}

/** One page of 待审核笔记 or 已发起审核笔记; filtering, sorting and counting happen in the core (N-3, N-4). */
export function useNotePage(args: ListNotesArgs) {
  return useQuery({
    queryKey: queryKeys.noteList(args),
    queryFn: () => unwrap(commands.listNotes(args)),
    placeholderData: keepPreviousData,
    // while a big import rebuilds its indexes the core says "indexing": ask again shortly
    refetchInterval: (query) => (isIndexing(query.state.error) ? 3000 : false),
  });
}

export function useNoteTabCounts(enterpriseId: number) {
  return useQuery({
    queryKey: queryKeys.noteTabCounts(enterpriseId),
    queryFn: () => unwrap(commands.noteTabCounts({ enterprise_id: enterpriseId })),
  });
}

/** 本月剩余可发起审核申请笔记额度 (N-5). */
export function useReviewQuota(enterpriseId: number) {
  return useQuery({
    queryKey: queryKeys.reviewQuota(enterpriseId),
    queryFn: () => unwrap(commands.reviewQuota({ enterprise_id: enterpriseId })),
  });
}

export function useNoteDetail(noteRowId: number | null) {
  return useQuery({
    queryKey: queryKeys.noteDetail(noteRowId ?? -1),
    queryFn: () => unwrap(commands.noteDetail({ note_row_id: noteRowId! })),
    enabled: noteRowId !== null,
  });
}

export function useJuguangList(enterpriseId: number) {
  return useQuery({
    queryKey: queryKeys.juguang(enterpriseId),
    queryFn: () => unwrap(commands.listJuguang({ enterprise_id: enterpriseId })),
  });
}

export function useDataCenter(args: DataCenterArgs) {
  return useQuery({
    queryKey: queryKeys.dataCenter(args),
    queryFn: () => unwrap(commands.dataCenter(args)),
    placeholderData: keepPreviousData,
  });
}

export function useNoteImports(enterpriseId: number, enabled = true) {
  return useQuery({
    queryKey: queryKeys.noteImports(enterpriseId),
    queryFn: () => unwrap(commands.listNoteImports({ enterprise_id: enterpriseId })),
    enabled,
    // an import still running (perhaps started in another window) moves on: look again
    refetchInterval: (query) => (query.state.data?.some((r) => r.status === "running") ? 2000 : false),
  });
}

export function useImportReport(importId: number | null) {
  return useQuery({
    queryKey: queryKeys.importReport(importId ?? -1),
    queryFn: () => unwrap(commands.noteImportReport({ import_id: importId! })),
    enabled: importId !== null,
  });
}

/** Every note mutation may move rows between lists, change counts, the quota, details and 聚光. */
function useInvalidateNotes() {
  const client = useQueryClient();
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: queryKeys.notesAll }),
      client.invalidateQueries({ queryKey: queryKeys.historyAll }),
    ]);
}

/** 发起笔记审核 (N-5): refusals come back per note; a quota overrun fails as a whole. */
export function useRequestReview() {
  const invalidate = useInvalidateNotes();
  return useMutation({
    mutationFn: (args: { enterprise_id: number; note_ids: number[] }) => unwrap(commands.requestReview(args)),
    onSuccess: invalidate,
  });
}

export function useBoostNote() {
  const invalidate = useInvalidateNotes();
  return useMutation({ mutationFn: (args: BoostNoteArgs) => unwrap(commands.boostNote(args)), onSuccess: invalidate });
}

export function useSendToJuguang() {
  const invalidate = useInvalidateNotes();
  return useMutation({
    mutationFn: (noteRowId: number) => unwrap(commands.sendToJuguang({ note_row_id: noteRowId })),
    onSuccess: invalidate,
  });
}

export function useExportJuguang() {
  return useMutation({ mutationFn: (args: ExportListArgs) => unwrap(commands.exportJuguang(args)) });
}

/** 数据中心's export, in the order on screen. */
export function useExportDataCenter() {
  return useMutation({ mutationFn: (args: ExportDataCenterArgs) => unwrap(commands.exportDataCenter(args)) });
}

export function usePreviewNoteFile() {
  return useMutation({
    mutationFn: (args: PreviewNoteFileArgs) => unwrap(commands.previewNoteFile(args)),
  });
}

export function useStartNoteImport() {
  return useMutation({ mutationFn: (args: StartNoteImportArgs) => unwrap(commands.startNoteImport(args)) });
}

export function useStartNoteExport() {
  return useMutation({ mutationFn: (args: ExportNotesArgs) => unwrap(commands.startNoteExport(args)) });
}

export function useCancelJob() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (jobId: number) => unwrap(commands.cancelJob({ job_id: jobId })),
    onSuccess: (job) => client.setQueryData(queryKeys.job(job.id), job),
  });
}

/** A long job's progress, polled every 500 ms while it runs (the core updates it at least once a second). */
export function useJob(started: JobProgress | null) {
  return useQuery({
    queryKey: queryKeys.job(started?.id ?? -1),
    queryFn: () => unwrap(commands.jobStatus({ job_id: started!.id })),
    enabled: started !== null,
    initialData: started ?? undefined,
    staleTime: 0,
    // a failed poll (the job is another user's after switching who acts) stops polling instead of spinning
    refetchInterval: (query) => (query.state.data?.state === "running" && !query.state.error ? 500 : false),
    refetchIntervalInBackground: true,
  });
}
