import { Empty, Skeleton } from "antd";
import { useEffect } from "react";
import { QueryError } from "../../components/QueryError";
import { useT } from "../../i18n/useT";
import { useEnterprise } from "../session/EnterpriseProvider";
import { EligibilityFacts } from "./EligibilityFacts";
import { KpiCards } from "./KpiCards";
import { MonthlyChart } from "./MonthlyChart";
import { useOverview } from "./hooks";
import { markFirstScreen } from "../../shell/firstScreen";

export function OverviewPage() {
  const t = useT();
  const { current } = useEnterprise();
  const overview = useOverview(current?.id);
  // issue 15 item 4: the window's first usable screen is this page with its figures and its chart, which
  // render together with the data (the chart is the page's own SVG)
  const ready = overview.data !== undefined;
  useEffect(() => {
    if (ready) markFirstScreen("overview");
  }, [ready]);

  if (!current) return <Empty description={t("overview.selectEnterprise")} />;
  if (overview.isError) return <QueryError error={overview.error} onRetry={() => void overview.refetch()} />;
  if (!overview.data) return <Skeleton active />;
  return (
    <div className="page-stack" data-testid="overview-page">
      <KpiCards overview={overview.data} />
      <MonthlyChart months={overview.data.notes_by_month} />
      <EligibilityFacts enterprise={overview.data.enterprise} />
    </div>
  );
}
