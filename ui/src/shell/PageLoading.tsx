import { Spin } from "antd";
import { useT } from "../i18n/useT";

/** What a page shows while its code is fetched on its first visit (issue 15 item 4: pages load lazily). */
export function PageLoading() {
  const t = useT();
  return <Spin className="centered-fill" description={t("common.loading")} data-testid="page-loading" />;
}
