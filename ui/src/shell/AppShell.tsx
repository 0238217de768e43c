import { useCallback, useEffect } from "react";
import { Outlet, useLocation, useNavigate } from "react-router";
import { Layout, Spin, Typography } from "antd";
import { useT } from "../i18n/useT";
import { QueryError } from "../components/QueryError";
import { EmptyDatabase } from "../features/demo/EmptyDatabase";
import { useAppInfo } from "../features/demo/hooks";
import { ActorSelect } from "./ActorSelect";
import { EnterpriseSelect } from "./EnterpriseSelect";
import { LangToggle } from "./LangToggle";
import { SideNav } from "./SideNav";
import { allowedRoutes, moduleOf, routeTitle, type Route } from "./routes";
import { useSession } from "../features/session/hooks";
import { TeamConnectButton, TeamUserMenu } from "../features/team/TeamHeader";
import { useTeamStatus } from "../features/team/hooks";
import { UpdateIndicator } from "../features/updates/UpdateIndicator";

function MainContent({ onNavigate }: { onNavigate: (r: Route) => void }) {
  // issue 15 item 4: an actor with a brand proves the database is not empty, so the pages do not wait for
  // app_info (the installation's counts over every note); it is asked only when the session has no brand, and
  // once it has answered it decides as before (the empty start ends when it says so, after 创建品牌's refresh)
  const session = useSession();
  const hasBrand = (session.data?.enterprises.length ?? 0) > 0;
  const info = useAppInfo(!hasBrand && !session.isPending);
  if (hasBrand && !info.data) return <Outlet />;
  if (session.isPending || info.isPending) return <Spin className="centered-fill" />;
  if (info.isError) return <QueryError error={info.error} onRetry={() => void info.refetch()} />;
  if (info.data.empty) return <EmptyDatabase onLoaded={() => onNavigate("overview")} onCreated={() => onNavigate("brand")} />;
  return <Outlet />;
}

export function AppShell() {
  const t = useT();
  // the module of the address (#/campaigns/12/board → campaigns) selects the menu item and names the header
  const route = moduleOf(useLocation().pathname) ?? "overview";
  const go = useNavigate();
  const navigate = useCallback((next: Route) => void go(`/${next}`), [go]);
  const permissions = useSession().data?.permissions;
  const team = useTeamStatus().data?.connected ?? false;
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
            {/* issue 15 item 3: a newer version, a download, or a quiet failure */}
            <UpdateIndicator />
            <EnterpriseSelect />
            {/* U-4: on a team server everyone signs in as themselves; solo keeps 以…身份预览 */}
            {team ? (
              <TeamUserMenu />
            ) : (
              <>
                <ActorSelect />
                <TeamConnectButton />
              </>
            )}
            <LangToggle />
          </div>
        </Layout.Header>
        <Layout.Content className="app-content">
          <MainContent onNavigate={navigate} />
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
