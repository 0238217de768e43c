import { Alert, Button } from "antd";
import { errorText } from "../api/apiError";
import { useLang, useT } from "../i18n/useT";

/** A failed query shown in place, in the current language (it re-renders when the language changes). */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <Alert
      type="error"
      showIcon
      data-testid="query-error"
      title={errorText(error, lang, t("common.error"))}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t("common.retry")}
          </Button>
        ) : undefined
      }
    />
  );
}
