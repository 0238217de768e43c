import { App, Button, Empty, Input, Select, Table, Tabs, Tooltip } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useMemo, useState } from "react";
import type { BindingMode, BindingRow, BindingTab } from "../../api/commands.gen";
import { CursorPager } from "../../components/CursorPager";
import { QueryError } from "../../components/QueryError";
import { useCursorPager } from "../../components/useCursorPager";
import { formatCount } from "../../format/number";
import { formatDateTime } from "../../format/dateTime";
import { useLang, useT } from "../../i18n/useT";
import { useEnterprise } from "../session/EnterpriseProvider";
import { useStores } from "../stores/hooks";
import { BindWizard } from "../wizard/BindWizard";
import { AccountHistoryDrawer } from "./AccountHistoryDrawer";
import { BindingActionModal } from "./BindingActionModal";
import { bindingColumns } from "./bindingColumns";
import { useBindingCounts, useBindingPage, useEligibility, usePermission, type BindingAction } from "./hooks";
import { JOB_TITLES, jobTitleLabel, modeKey, statusKey } from "./labels";

const TABS: BindingTab[] = ["active", "invited", "expired", "unbound", "frozen"];

/** 员工账号 (B-9, B-17..B-20): the brand's staff accounts by tab, with their operations. */
export function BindingsPage() {
  const t = useT();
  const { current } = useEnterprise();
  if (!current) return <Empty description={t("overview.selectEnterprise")} />;
  // key: another brand starts tabs, filters and cursors afresh
  return <BindingsView key={current.id} enterpriseId={current.id} enterpriseName={current.name} />;
}

function BindingsView({ enterpriseId, enterpriseName }: { enterpriseId: number; enterpriseName: string }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const canManage = usePermission("manage_bindings");
  const eligibility = useEligibility(enterpriseId);
  const counts = useBindingCounts(enterpriseId);
  const stores = useStores(enterpriseId);
  const pager = useCursorPager(20);

  const [tab, setTab] = useState<BindingTab>("active");
  const [storeId, setStoreId] = useState<number | null>(null);
  const [mode, setMode] = useState<BindingMode | null>(null);
  const [jobTitle, setJobTitle] = useState<string | null>(null);
  const [keyword, setKeyword] = useState<string | null>(null);
  const [wizardOpen, setWizardOpen] = useState(false);
  const [pending, setPending] = useState<{ action: BindingAction; row: BindingRow } | null>(null);
  const [historyRow, setHistoryRow] = useState<BindingRow | null>(null);

  const page = useBindingPage({
    enterprise_id: enterpriseId,
    tab,
    store_id: storeId,
    mode,
    job_title: jobTitle,
    keyword,
    page_size: pager.pageSize,
    cursor: pager.cursor,
  });

  // every filter change starts from the first page again
  const filter =
    <V,>(set: (v: V) => void) =>
    (v: V) => {
      set(v);
      pager.reset();
    };

  const columns = useMemo(
    () =>
      bindingColumns(t, {
        canManage,
        onAction: (action, row) => setPending({ action, row }),
        onHistory: setHistoryRow,
      }),
    [t, canManage],
  );

  const failing = eligibility.data?.checks.filter((c) => !c.passed) ?? [];
  const blockedReason = !canManage
    ? t("bindings.noManage")
    : eligibility.data && !eligibility.data.can_invite
      ? t("bindings.bindBlocked", {
          reasons: failing.map((c) => (lang === "en" ? c.detail_en : c.detail_zh)).join(t("common.listSeparator")),
        })
      : null;
  const bindDisabled = blockedReason !== null || !eligibility.data;

  return (
    <div className="page-stack" data-testid="bindings-page">
      <div className="table-toolbar">
        <Select<number>
          data-testid="binding-store-filter"
          style={{ width: 180 }}
          allowClear
          placeholder={t("bindings.allStores")}
          value={storeId ?? undefined}
          onChange={(id) => filter(setStoreId)(id ?? null)}
          showSearch={{ optionFilterProp: "label" }}
          options={(stores.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
        />
        <Select<BindingMode>
          data-testid="binding-mode-filter"
          style={{ width: 160 }}
          allowClear
          placeholder={t("bindings.allModes")}
          value={mode ?? undefined}
          onChange={(m) => filter(setMode)(m ?? null)}
          options={(["enterprise", "personal"] as const).map((m) => ({ value: m, label: t(modeKey(m)) }))}
        />
        <Select<string>
          data-testid="binding-title-filter"
          style={{ width: 130 }}
          allowClear
          placeholder={t("bindings.allTitles")}
          value={jobTitle ?? undefined}
          onChange={(v) => filter(setJobTitle)(v ?? null)}
          options={JOB_TITLES.map((title) => ({ value: title, label: jobTitleLabel(t, title) }))}
        />
        <Input.Search
          data-testid="binding-keyword"
          allowClear
          style={{ width: 260 }}
          placeholder={t("bindings.keyword")}
          onSearch={(text) => filter(setKeyword)(text.trim() || null)}
        />
        <div className="toolbar-spacer" />
        {/* a disabled button gets no pointer events in WebKit: the tooltip hangs on a wrapper */}
        <Tooltip title={blockedReason}>
          <span className="tooltip-wrap" data-testid="bind-staff-wrap">
            <Button
              type="primary"
              icon={<PlusOutlined />}
              disabled={bindDisabled}
              className={bindDisabled ? "no-pointer" : undefined}
              onClick={() => setWizardOpen(true)}
              data-testid="bind-staff"
            >
              {t("bindings.bind")}
            </Button>
          </span>
        </Tooltip>
      </div>
      <Tabs
        activeKey={tab}
        onChange={(key) => filter(setTab)(key as BindingTab)}
        items={TABS.map((key) => ({
          key,
          label: (
            <span data-testid={`binding-tab-${key}`}>
              {t(statusKey(key))}
              <span className="tab-count num">{counts.data ? formatCount(counts.data[key]) : "…"}</span>
            </span>
          ),
        }))}
      />
      {page.isError ? (
        <QueryError error={page.error} onRetry={() => void page.refetch()} />
      ) : (
        <div>
          <Table<BindingRow>
            data-testid="bindings-table"
            rowKey="id"
            size="small"
            columns={columns}
            dataSource={page.data?.rows ?? []}
            loading={page.isFetching}
            pagination={false}
            scroll={{ x: 1270 }}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("bindings.empty")} /> }}
          />
          <CursorPager pager={pager} total={page.data?.total} nextCursor={page.data?.next_cursor} testId="bindings-pager" />
        </div>
      )}
      <BindWizard
        open={wizardOpen}
        enterpriseId={enterpriseId}
        enterpriseName={enterpriseName}
        onClose={() => setWizardOpen(false)}
        onSent={(row) => {
          setWizardOpen(false);
          void message.success(t("wizard.sent", { at: formatDateTime(row.expires_at) }));
          filter(setTab)("invited");
        }}
      />
      <BindingActionModal action={pending?.action ?? null} row={pending?.row ?? null} onClose={() => setPending(null)} />
      <AccountHistoryDrawer row={historyRow} onClose={() => setHistoryRow(null)} />
    </div>
  );
}
