import { Empty, Skeleton } from "antd";
import { useEffect, useState } from "react";
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
  // issue 15 item 4: the window's first usable screen is this page with its figures and its chart drawn
  const [chartDrawn, setChartDrawn] = useState(false);
  const noMonths = overview.data?.notes_by_month.length === 0;
  useEffect(() => {
    if (chartDrawn || noMonths) markFirstScreen("overview");
  }, [chartDrawn, noMonths]);

  if (!current) return <Empty description={t("overview.selectEnterprise")} />;
  if (overview.isError) return <QueryError error={overview.error} onRetry={() => void overview.refetch()} />;
  if (!overview.data) return <Skeleton active />;
  return (
    <div className="page-stack" data-testid="overview-page">
      <KpiCards overview={overview.data} />
      <MonthlyChart months={overview.data.notes_by_month} onChart={(chart) => setChartDrawn(chart !== null)} />
      <EligibilityFacts enterprise={overview.data.enterprise} />
    </div>
  );
}
