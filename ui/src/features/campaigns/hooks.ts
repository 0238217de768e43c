import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { commands } from "../../api/commands.gen";
import type { AwardKind, CreateCampaignArgs, ExportAwardSheetArgs, UpdateCampaignArgs } from "../../api/commands.gen";
import { queryKeys } from "../../api/queryKeys";
import { unwrap } from "../../api/unwrap";

export function useCampaigns(enterpriseId: number | undefined) {
  return useQuery({
    queryKey: queryKeys.campaignList(enterpriseId ?? 0),
    queryFn: () => unwrap(commands.listCampaigns({ enterprise_id: enterpriseId! })),
    enabled: enterpriseId !== undefined,
  });
}

export function useCampaignBoard(campaignId: number | null) {
  return useQuery({
    queryKey: queryKeys.campaignBoard(campaignId ?? 0),
    queryFn: () => unwrap(commands.campaignBoard({ campaign_id: campaignId! })),
    enabled: campaignId !== null,
  });
}

/** How often the leader view reads the board again (imports from elsewhere, a meeting-room screen left on). */
export const LEADER_REFRESH_MS = 60_000;

/** 领导看板: the whole campaign or one store or city; the previous view stays on screen while a filter loads. */
export function useLeaderView(campaignId: number | null, storeId: number | null, city: string | null) {
  return useQuery({
    queryKey: queryKeys.leaderView(campaignId ?? 0, storeId, city),
    queryFn: () => unwrap(commands.campaignLeaderView({ campaign_id: campaignId!, store_id: storeId, city })),
    enabled: campaignId !== null,
    placeholderData: keepPreviousData,
    refetchInterval: LEADER_REFRESH_MS,
  });
}

/** Every campaign change recomputes boards: refresh the whole "campaigns" family. */
function useInvalidateCampaigns() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: queryKeys.campaignsAll });
}

export function useCreateCampaign() {
  const invalidate = useInvalidateCampaigns();
  return useMutation({ mutationFn: (args: CreateCampaignArgs) => unwrap(commands.createCampaign(args)), onSuccess: invalidate });
}

export function useUpdateCampaign() {
  const invalidate = useInvalidateCampaigns();
  return useMutation({ mutationFn: (args: UpdateCampaignArgs) => unwrap(commands.updateCampaign(args)), onSuccess: invalidate });
}

export function useVoidAward() {
  const invalidate = useInvalidateCampaigns();
  return useMutation({
    mutationFn: (args: { campaign_id: number; kind: AwardKind; key: string; reason: string }) => unwrap(commands.voidAward(args)),
    onSuccess: invalidate,
  });
}

export function useConfirmAwards() {
  const invalidate = useInvalidateCampaigns();
  return useMutation({
    mutationFn: (campaignId: number) => unwrap(commands.confirmAwards({ campaign_id: campaignId })),
    onSuccess: invalidate,
  });
}

/** 导出颁奖名单: the core writes the XLSX at the path chosen in the save dialog. */
export function useExportAwardSheet() {
  return useMutation({
    mutationFn: (args: ExportAwardSheetArgs) => unwrap(commands.exportAwardSheet(args)),
  });
}
