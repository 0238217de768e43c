import { Card, Col, Row, Statistic } from "antd";
import type { Overview } from "../../api/commands.gen";
import { formatCount } from "../../format/number";
import { useT } from "../../i18n/useT";
import type { MessageKey } from "../../i18n/zh";

const KPIS: { key: string; label: MessageKey; value: (o: Overview) => number }[] = [
  { key: "stores", label: "overview.stores", value: (o) => o.stores },
  { key: "staff", label: "overview.staff", value: (o) => o.staff },
  { key: "accounts-enterprise", label: "overview.accountsEnterprise", value: (o) => o.accounts_enterprise },
  { key: "accounts-personal", label: "overview.accountsPersonal", value: (o) => o.accounts_personal },
  { key: "notes", label: "overview.notesTotal", value: (o) => o.notes_total },
];

export function KpiCards({ overview }: { overview: Overview }) {
  const t = useT();
  return (
    <Row gutter={[16, 16]} wrap={false}>
      {KPIS.map((kpi) => (
        <Col key={kpi.key} flex="1 1 0">
          <Card size="small" data-testid={`kpi-${kpi.key}`}>
            <Statistic title={t(kpi.label)} value={kpi.value(overview)} formatter={(v) => formatCount(Number(v))} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
