import { useMutation, useQueryClient } from "@tanstack/react-query";
import { commands, type BulkExportArgs, type BulkSendArgs, type BulkTemplateArgs, type BulkValidateArgs } from "../../bindings";
import { unwrap } from "../../api/unwrap";

/** 下载模板: the core writes the XLSX template where the save dialog pointed (B-16). */
export function useBulkTemplate() {
  return useMutation({ mutationFn: (args: BulkTemplateArgs) => unwrap(commands.bulkTemplate(args)) });
}

/** 校验: the core reads the sheet and checks every row as the invitation wizard would. */
export function useBulkValidate() {
  return useMutation({ mutationFn: (args: BulkValidateArgs) => unwrap(commands.bulkValidate(args)) });
}

/** 发送邀请 for the batch's valid rows; new invitations make every binding view stale. */
export function useBulkSend() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (args: BulkSendArgs) => unwrap(commands.bulkSend(args)),
    onSuccess: () =>
      Promise.all([
        // every binding query key starts with "bindings" (lists, counts, eligibility, calendar)
        client.invalidateQueries({ queryKey: ["bindings"] }),
        client.invalidateQueries({ queryKey: ["history"] }),
        client.invalidateQueries({ queryKey: ["overview"] }),
      ]),
  });
}

/** 导出报告: the row report as XLSX (ID numbers masked, formulas escaped by the core). */
export function useBulkExport() {
  return useMutation({ mutationFn: (args: BulkExportArgs) => unwrap(commands.bulkExportReport(args)) });
}
