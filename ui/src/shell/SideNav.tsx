import { Menu } from "antd";
import { BarChartOutlined, HistoryOutlined, SettingOutlined, ShopOutlined, UsergroupAddOutlined } from "@ant-design/icons";
import type { ReactNode } from "react";
import { useT } from "../i18n/useT";
import type { MessageKey } from "../i18n/zh";
import type { Route } from "./useHashRoute";

const ITEMS: { route: Route; label: MessageKey; icon: ReactNode }[] = [
  { route: "overview", label: "nav.overview", icon: <BarChartOutlined /> },
  { route: "stores", label: "nav.stores", icon: <ShopOutlined /> },
  { route: "bulk", label: "nav.bulk", icon: <UsergroupAddOutlined /> },
  { route: "rules", label: "nav.rules", icon: <SettingOutlined /> },
  { route: "history", label: "nav.history", icon: <HistoryOutlined /> },
];

export function SideNav({ route, onNavigate }: { route: Route; onNavigate: (route: Route) => void }) {
  const t = useT();
  return (
    <Menu
      mode="inline"
      theme="dark"
      selectedKeys={[route]}
      onClick={({ key }) => onNavigate(key as Route)}
      items={ITEMS.map((item) => ({
        key: item.route,
        icon: item.icon,
        label: <span data-testid={`nav-${item.route}`}>{t(item.label)}</span>,
      }))}
    />
  );
}
