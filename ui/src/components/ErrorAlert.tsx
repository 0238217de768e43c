import { Alert } from "antd";
import { availableFrom, errorText } from "../api/apiError";
import { useLang, useT } from "../i18n/useT";
import { UntilCountdown } from "./UntilCountdown";

/**
 * A failed action shown in place: the core's message in the window's language and, for a refusal that lifts
 * at a known instant (B-1, B-15, B-18, B-19, N-5), that instant and a live countdown to it.
 */
export function ErrorAlert({ error, testId, className }: { error: unknown; testId?: string; className?: string }) {
  const t = useT();
  const { lang } = useLang();
  const until = availableFrom(error);
  return (
    <Alert
      type="error"
      showIcon
      data-testid={testId}
      className={className}
      title={errorText(error, lang, t("common.error"))}
      description={until ? <UntilCountdown until={until} testId={testId && `${testId}-until`} /> : undefined}
    />
  );
}
