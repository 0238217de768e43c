import { useMemo } from "react";
import { useT } from "../../i18n/useT";
import { useRuleSettings } from "../rules/hooks";
import { DEFAULT_MAX_AGE_DAYS, ruleValue } from "./labels";
import type { NoteMarks } from "./NoteInfoCell";

/** The brand's N-2 review window and S-1 thresholds, to label the tags the core sets on each note. */
export function useNoteMarks(enterpriseId: number | null): NoteMarks {
  const t = useT();
  const settings = useRuleSettings(enterpriseId).data;
  return useMemo(() => {
    const likes = ruleValue(settings, "priority_min_likes", 10);
    const comments = ruleValue(settings, "priority_min_comments", 5);
    return {
      maxAgeDays: ruleValue(settings, "review_max_age_days", DEFAULT_MAX_AGE_DAYS),
      priorityHint: t("notes.priorityHint", { likes, comments }),
    };
  }, [settings, t]);
}
