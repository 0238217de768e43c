import { useEffect } from "react";
import { Layout, Spin, Typography } from "antd";
import { useT } from "../i18n/useT";
import { QueryError } from "../components/QueryError";
import { EmptyDatabase } from "../features/demo/EmptyDatabase";
import { useAppInfo } from "../features/demo/hooks";
import { OverviewPage } from "../features/overview/OverviewPage";
import { DashboardPage } from "../features/dashboard/DashboardPage";
import { MyDataPage } from "../features/dashboard/MyDataPage";
import { StoresPage } from "../features/stores/StoresPage";
import { RulesPage } from "../features/rules/RulesPage";
import { HistoryPage } from "../features/history/HistoryPage";
import { BulkPage } from "../features/bulk/BulkPage";
import { CampaignsPage } from "../features/campaigns/CampaignsPage";
import { LeaderPage } from "../features/leader/LeaderPage";
import { EligibilityPage } from "../features/eligibility/EligibilityPage";
import { BindingsPage } from "../features/bindings/BindingsPage";
import { CalendarPage } from "../features/calendar/CalendarPage";
import { InvitationsPage } from "../features/invitations/InvitationsPage";
import { ProofReviewPage } from "../features/proofs/ProofReviewPage";
import { NotesPage } from "../features/notes/NotesPage";
import { RequestedPage } from "../features/notes/RequestedPage";
import { JuguangPage } from "../features/notes/JuguangPage";
import { DataCenterPage } from "../features/notes/DataCenterPage";
import { NoteReviewPage } from "../features/noteReview/NoteReviewPage";
import { BrandSettingsPage } from "../features/setup/BrandSettingsPage";
import { UsersPage } from "../features/setup/UsersPage";
import { AccountsPage } from "../features/accounts/AccountsPage";
import { ActorSelect } from "./ActorSelect";
import { EnterpriseSelect } from "./EnterpriseSelect";
import { LangToggle } from "./LangToggle";
import { SideNav, allowedRoutes, routeTitle } from "./SideNav";
import { useSession } from "../features/session/hooks";
import { useHashRoute, type Route } from "./useHashRoute";

const PAGES: Record<Route, () => React.JSX.Element> = {
  overview: OverviewPage,
  dashboard: DashboardPage,
  myData: MyDataPage,
  stores: StoresPage,
  eligibility: EligibilityPage,
  bindings: BindingsPage,
  calendar: CalendarPage,
  invitations: InvitationsPage,
  proofs: ProofReviewPage,
  bulk: BulkPage,
  notes: NotesPage,
  requested: RequestedPage,
  noteReview: NoteReviewPage,
  juguang: JuguangPage,
  dataCenter: DataCenterPage,
  campaigns: CampaignsPage,
  leaderBoard: LeaderPage,
  rules: RulesPage,
  history: HistoryPage,
  // issue 12 set-up (U-1, U-3)
  brand: BrandSettingsPage,
  users: UsersPage,
  // U-2 (helper Q): 小红书账号
  accounts: AccountsPage,
};

function MainContent({ route, onNavigate }: { route: Route; onNavigate: (r: Route) => void }) {
  const info = useAppInfo();
  if (info.isPending) return <Spin className="centered-fill" />;
  if (info.isError) return <QueryError error={info.error} onRetry={() => void info.refetch()} />;
  if (info.data.empty) return <EmptyDatabase onLoaded={() => onNavigate("overview")} onCreated={() => onNavigate("brand")} />;
  const Page = PAGES[route];
  return <Page />;
}

export function AppShell() {
  const t = useT();
  const [route, navigate] = useHashRoute();
  const permissions = useSession().data?.permissions;
  // after switching to a role that may not open this module (an employee on 概览), go to its first one
  useEffect(() => {
    if (!permissions) return;
    const allowed = allowedRoutes(permissions);
    if (!allowed.includes(route) && allowed.length > 0) navigate(allowed[0]);
  }, [permissions, route, navigate]);
  return (
    <Layout className="app-layout">
      <Layout.Sider width={200} className="app-sider">
        <div className="app-brand">{t("app.name")}</div>
        <SideNav route={route} onNavigate={navigate} />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="app-header">
          <Typography.Title level={5} className="app-header-title">
            {t(routeTitle(route))}
          </Typography.Title>
          <div className="app-header-tools">
            <EnterpriseSelect />
            <ActorSelect />
            <LangToggle />
          </div>
        </Layout.Header>
        <Layout.Content className="app-content">
          <MainContent route={route} onNavigate={navigate} />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
