import { Menu } from "antd";
import {
  AuditOutlined,
  BarChartOutlined,
  BellOutlined,
  GiftOutlined,
  TrophyOutlined,
  CalendarOutlined,
  ContactsOutlined,
  DashboardOutlined,
  IdcardOutlined,
  CheckSquareOutlined,
  FileDoneOutlined,
  FileSearchOutlined,
  HistoryOutlined,
  LineChartOutlined,
  RocketOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  ShopOutlined,
  TeamOutlined,
  UsergroupAddOutlined,
} from "@ant-design/icons";
import type { ReactNode } from "react";
import { useT } from "../i18n/useT";
import { useSession } from "../features/session/hooks";
import type { MessageKey } from "../i18n/zh";
import type { Route } from "./useHashRoute";

/**
 * `permission`: shown only to roles that have it (the session mirrors the core's authz).
 * `title`: the header's title when the menu label alone lacks its section (笔记内容管理 › 待审核笔记).
 */
const ITEMS: { route: Route; label: MessageKey; icon: ReactNode; permission?: string; title?: MessageKey }[] = [
  { route: "overview", label: "nav.overview", icon: <BarChartOutlined />, permission: "view_overview" },
  { route: "dashboard", label: "nav.dashboard", icon: <DashboardOutlined />, permission: "view_overview" },
  { route: "stores", label: "nav.stores", icon: <ShopOutlined />, permission: "view_staff" },
  { route: "eligibility", label: "nav.eligibility", icon: <SafetyCertificateOutlined />, permission: "view_bindings" },
  { route: "bindings", label: "nav.bindings", icon: <TeamOutlined />, permission: "view_bindings" },
  { route: "calendar", label: "nav.calendar", icon: <CalendarOutlined />, permission: "view_bindings" },
  { route: "invitations", label: "nav.invitations", icon: <BellOutlined />, permission: "respond_invitation" },
  { route: "myData", label: "nav.myData", icon: <IdcardOutlined />, permission: "respond_invitation" },
  { route: "proofs", label: "nav.proofs", icon: <AuditOutlined />, permission: "review_proof" },
  { route: "bulk", label: "nav.bulk", icon: <UsergroupAddOutlined />, permission: "manage_bindings" },
  { route: "notes", label: "nav.notes", icon: <FileSearchOutlined />, permission: "view_notes", title: "nav.title.notes" },
  { route: "requested", label: "nav.requested", icon: <FileDoneOutlined />, permission: "view_notes", title: "nav.title.requested" },
  { route: "noteReview", label: "nav.noteReview", icon: <CheckSquareOutlined />, permission: "review_notes", title: "nav.title.noteReview" },
  { route: "juguang", label: "nav.juguang", icon: <RocketOutlined />, permission: "view_notes", title: "nav.title.juguang" },
  { route: "dataCenter", label: "nav.dataCenter", icon: <LineChartOutlined />, permission: "view_notes", title: "nav.title.dataCenter" },
  { route: "campaigns", label: "nav.campaigns", icon: <GiftOutlined />, permission: "view_campaigns" },
  { route: "leaderBoard", label: "nav.leaderBoard", icon: <TrophyOutlined />, permission: "view_campaigns" },
  { route: "rules", label: "nav.rules", icon: <SettingOutlined /> },
  { route: "history", label: "nav.history", icon: <HistoryOutlined />, permission: "view_history" },
  // issue 12 set-up (U-1, U-3): the administrator's brand settings and users
  { route: "brand", label: "nav.brand", icon: <ShopOutlined />, permission: "manage_brand" },
  { route: "users", label: "nav.users", icon: <TeamOutlined />, permission: "manage_users" },
  // U-2 (helper Q): 小红书账号
  { route: "accounts", label: "nav.accounts", icon: <ContactsOutlined />, permission: "view_staff" },
];

/** The header's title of a module. */
export function routeTitle(route: Route): MessageKey {
  const item = ITEMS.find((i) => i.route === route);
  return item?.title ?? item?.label ?? "nav.overview";
}

/** The modules the role may open, in menu order. */
export function allowedRoutes(permissions: readonly string[]): Route[] {
  return ITEMS.filter((item) => !item.permission || permissions.includes(item.permission)).map((i) => i.route);
}

export function SideNav({ route, onNavigate }: { route: Route; onNavigate: (route: Route) => void }) {
  const t = useT();
  const permissions = useSession().data?.permissions ?? [];
  const allowed = allowedRoutes(permissions);
  const items = ITEMS.filter((item) => allowed.includes(item.route));
  return (
    <Menu
      mode="inline"
      theme="dark"
      selectedKeys={[route]}
      onClick={({ key }) => onNavigate(key as Route)}
      items={items.map((item) => ({
        key: item.route,
        icon: item.icon,
        label: <span data-testid={`nav-${item.route}`}>{t(item.label)}</span>,
      }))}
    />
  );
}
