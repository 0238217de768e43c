import { App } from "antd";
import { useCallback } from "react";
import { useLang, useT } from "../i18n/useT";
import { errorText } from "./apiError";

/** Shows a failed mutation's ApiError as an antd message in the current language. */
export function useErrorToast() {
  const { message } = App.useApp();
  const { lang } = useLang();
  const t = useT();
  return useCallback(
    (error: unknown) => void message.error(errorText(error, lang, t("common.error"))),
    [message, lang, t],
  );
}
