import { Badge, Calendar, Card, Empty, Table, Tag, Typography, type TableColumnsType } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import "dayjs/locale/zh-cn";
import { useMemo, useState } from "react";
import type { CalendarItem, CalendarKind } from "../../api/commands.gen";
import { QueryError } from "../../components/QueryError";
import { formatDateTime } from "../../format/dateTime";
import { formatCount } from "../../format/number";
import { useLang, useT } from "../../i18n/useT";
import { useBindingCalendar } from "../bindings/hooks";
import { calendarKindKey } from "../bindings/labels";
import { useEnterprise } from "../session/EnterpriseProvider";
import "./calendar.css";

const KIND_STATUS: Record<CalendarKind, "warning" | "success" | "processing" | "error"> = {
  invitation_expires: "warning",
  personal_unbindable: "processing",
  rebindable_by_others: "success",
  invite_ban_ends: "error",
};
const DAY = "YYYY-MM-DD";
const MAX_IN_CELL = 3;

/** 绑定日历 (B-13, B-15, B-18, B-19): when invitations lapse and restricted actions become possible. */
export function CalendarPage() {
  const t = useT();
  const { current } = useEnterprise();
  if (!current) return <Empty description={t("overview.selectEnterprise")} />;
  return <CalendarView key={current.id} enterpriseId={current.id} />;
}

function CalendarView({ enterpriseId }: { enterpriseId: number }) {
  const t = useT();
  const { lang } = useLang();
  dayjs.locale(lang === "en" ? "en" : "zh-cn"); // weekday and month names in the calendar grid
  const [value, setValue] = useState<Dayjs>(() => dayjs());
  const [mode, setMode] = useState<"month" | "year">("month");

  const unit = mode === "year" ? "year" : "month";
  const visible = useBindingCalendar({
    enterprise_id: enterpriseId,
    from: value.startOf(unit).format(DAY),
    to: value.endOf(unit).format(DAY),
  });
  const today = dayjs();
  const upcoming = useBindingCalendar({
    enterprise_id: enterpriseId,
    from: today.format(DAY),
    to: today.add(90, "day").format(DAY),
  });

  const byDay = useMemo(() => {
    const map = new Map<string, CalendarItem[]>();
    for (const item of visible.data ?? []) map.set(item.date, [...(map.get(item.date) ?? []), item]);
    return map;
  }, [visible.data]);
  const label = (item: CalendarItem) => (lang === "en" ? item.label_en : item.label_zh);

  const columns: TableColumnsType<CalendarItem> = [
    { title: t("calendar.date"), dataIndex: "at", width: 150, render: (v: string) => <span className="num">{formatDateTime(v)}</span> },
    {
      title: t("calendar.what"),
      key: "what",
      render: (_: unknown, item) => (
        <span>
          <Badge status={KIND_STATUS[item.kind]} text={t(calendarKindKey(item.kind))} />
          <Typography.Text type="secondary" className="calendar-label">
            {label(item)}
          </Typography.Text>
        </span>
      ),
    },
    {
      title: t("calendar.who"),
      key: "who",
      width: 200,
      render: (_: unknown, item) => [item.staff_name, item.xhs_id].filter(Boolean).join(" · ") || "—",
    },
    { title: t("eligibility.rule"), dataIndex: "rule_id", width: 80, render: (v: string) => <Tag color="geekblue">{v}</Tag> },
  ];

  return (
    <div className="page-stack" data-testid="calendar-page">
      {visible.isError && <QueryError error={visible.error} onRetry={() => void visible.refetch()} />}
      <Card size="small" className="binding-calendar">
        <Calendar
          value={value}
          mode={mode}
          onPanelChange={(date, m) => {
            setValue(date);
            setMode(m);
          }}
          onSelect={(date) => setValue(date)}
          cellRender={(date, info) => {
            if (info.type === "date") {
              const items = byDay.get(date.format(DAY)) ?? [];
              if (items.length === 0) return null;
              return (
                <ul className="calendar-cell" data-testid={`calendar-day-${date.format(DAY)}`}>
                  {items.slice(0, MAX_IN_CELL).map((item, i) => (
                    <li key={`${item.kind}-${item.binding_id ?? i}`} title={label(item)}>
                      <Badge status={KIND_STATUS[item.kind]} text={t(calendarKindKey(item.kind))} />
                    </li>
                  ))}
                  {items.length > MAX_IN_CELL && (
                    <li className="calendar-more">{t("calendar.more", { count: formatCount(items.length - MAX_IN_CELL) })}</li>
                  )}
                </ul>
              );
            }
            if (info.type === "month") {
              const prefix = date.format("YYYY-MM");
              let count = 0;
              for (const [day, items] of byDay) if (day.startsWith(prefix)) count += items.length;
              return count > 0 ? <Badge count={count} overflowCount={999} /> : null;
            }
            return info.originNode;
          }}
        />
      </Card>
      <Card size="small" title={t("calendar.upcoming")}>
        {upcoming.isError ? (
          <QueryError error={upcoming.error} onRetry={() => void upcoming.refetch()} />
        ) : (
          <Table<CalendarItem>
            data-testid="calendar-upcoming"
            rowKey={(item) => `${item.kind}-${item.binding_id ?? ""}-${item.at}`}
            size="small"
            columns={columns}
            dataSource={upcoming.data ?? []}
            loading={upcoming.isLoading}
            pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("calendar.empty")} /> }}
          />
        )}
      </Card>
    </div>
  );
}
