import { App } from "antd";
import { useState } from "react";
import type { RequestReviewResult } from "../../api/commands.gen";
import { availableFrom, errorText, isApiError } from "../../api/apiError";
import { UntilCountdown } from "../../components/UntilCountdown";
import { useErrorToast } from "../../api/useErrorToast";
import { useLang, useT } from "../../i18n/useT";
import { useRequestReview } from "./hooks";
import { RequestResultModal } from "./RequestResultModal";

/**
 * 发起笔记审核 for some notes (N-5): the result dialog says how many went to review and lists each refused
 * note with why; over the month's quota nothing is requested and the core's message says how many fit.
 */
export function useRequestFlow(enterpriseId: number) {
  const t = useT();
  const { lang } = useLang();
  const { modal } = App.useApp();
  const showError = useErrorToast();
  const request = useRequestReview();
  const [result, setResult] = useState<RequestReviewResult | null>(null);

  const run = (noteIds: number[], onSuccess?: () => void) =>
    request.mutate(
      { enterprise_id: enterpriseId, note_ids: noteIds },
      {
        onSuccess: (r) => {
          onSuccess?.();
          setResult(r);
        },
        onError: (error) => {
          if (isApiError(error) && error.code === "quota_exceeded") {
            void modal.error({
              title: t("request.quotaExceededTitle"),
              content: (
                <>
                  <span data-testid="quota-exceeded">{errorText(error, lang, t("common.error"))}</span>
                  {availableFrom(error) && (
                    <div>
                      <UntilCountdown until={availableFrom(error)!} testId="quota-until" />
                    </div>
                  )}
                </>
              ),
              okText: t("common.ok"),
            });
          } else showError(error);
        },
      },
    );

  const dialog = <RequestResultModal result={result} onClose={() => setResult(null)} />;
  return { run, pending: request.isPending, dialog };
}
