import { keepPreviousData, useMutation, useQuery } from "@tanstack/react-query";
import { commands } from "../../api/commands.gen";
import type { DashboardArgs, ExportDashboardArgs, HealthSort } from "../../api/commands.gen";
import { queryKeys } from "../../api/queryKeys";
import { unwrap } from "../../api/unwrap";

/** 企业视角 (D-1) for a date range; the previous range stays on screen while the next one loads. */
export function useEnterpriseDashboard(args: DashboardArgs | null) {
  return useQuery({
    queryKey: queryKeys.dashboardEnterprise(args ?? {}),
    queryFn: () => unwrap(commands.dashboardEnterprise(args!)),
    enabled: args !== null,
    placeholderData: keepPreviousData,
  });
}

/** 员工视角 (D-1): one person's accounts, weekly trend and campaign ranks. */
export function useEmployeeDashboard(enterpriseId: number | undefined, staffId: number | null) {
  return useQuery({
    queryKey: queryKeys.dashboardEmployee(enterpriseId ?? -1, staffId ?? -1),
    queryFn: () => unwrap(commands.dashboardEmployee({ enterprise_id: enterpriseId!, staff_id: staffId! })),
    enabled: enterpriseId !== undefined && staffId !== null,
  });
}

/** 账号健康度 (S-2), sorted by the core. */
export function useAccountHealth(enterpriseId: number | undefined, sort: HealthSort, desc: boolean) {
  return useQuery({
    queryKey: queryKeys.accountHealth({ enterpriseId, sort, desc }),
    queryFn: () => unwrap(commands.accountHealth({ enterprise_id: enterpriseId!, sort, desc })),
    enabled: enterpriseId !== undefined,
    placeholderData: keepPreviousData,
  });
}

export function useExportDashboardData() {
  return useMutation({ mutationFn: (args: ExportDashboardArgs) => unwrap(commands.exportDashboardData(args)) });
}
