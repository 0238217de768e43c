import { useMutation, useQueryClient } from "@tanstack/react-query";
import { commands, type BulkExportArgs, type BulkSendArgs, type BulkTemplateArgs, type BulkValidateArgs } from "../../api/commands.gen";
import { unwrap } from "../../api/unwrap";
import { invalidateAfterBindingChange } from "../bindings/hooks";

/** 下载模板: the core writes the XLSX template where the save dialog pointed (B-16). */
export function useBulkTemplate() {
  return useMutation({ mutationFn: (args: BulkTemplateArgs) => unwrap(commands.bulkTemplate(args)) });
}

/** 校验: the core reads the sheet and checks every row as the invitation wizard would. */
export function useBulkValidate() {
  return useMutation({ mutationFn: (args: BulkValidateArgs) => unwrap(commands.bulkValidate(args)) });
}

/** 发送邀请 for the batch's valid rows: what a single invitation makes stale, for each (binding views, staff
 * rows, history, and the role switcher, which lists the employee users the invitations open). */
export function useBulkSend() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (args: BulkSendArgs) => unwrap(commands.bulkSend(args)),
    onSuccess: () => invalidateAfterBindingChange(client),
  });
}

/** 导出报告: the row report as XLSX (ID numbers masked, formulas escaped by the core). */
export function useBulkExport() {
  return useMutation({ mutationFn: (args: BulkExportArgs) => unwrap(commands.bulkExportReport(args)) });
}
