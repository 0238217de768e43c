import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { commands } from "../../api/commands.gen";
import { queryKeys } from "../../api/queryKeys";
import { unwrap } from "../../api/unwrap";

export function useRuleSettings(enterpriseId: number | null) {
  return useQuery({
    queryKey: queryKeys.rules(enterpriseId),
    queryFn: () => unwrap(commands.getRuleSettings({ enterprise_id: enterpriseId })),
  });
}

export type RuleChange = { enterprise_id: number | null; key: string; value: number; reason: string };

/** A changed rule is recorded in history and may change what the overview reports. */
export function useUpdateRuleSetting() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: RuleChange) => unwrap(commands.updateRuleSetting(change)),
    onSuccess: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: queryKeys.rulesAll }),
        client.invalidateQueries({ queryKey: queryKeys.historyAll }),
        client.invalidateQueries({ queryKey: ["overview"] }),
      ]),
  });
}
