import { Menu } from "antd";
import { useT } from "../i18n/useT";
import { useSession } from "../features/session/hooks";
import { MODULES, allowedRoutes, type Route } from "./routes";

/** The side nav: the route table's modules (routes.tsx) the role may open, in its order. */
export function SideNav({ route, onNavigate }: { route: Route; onNavigate: (route: Route) => void }) {
  const t = useT();
  const permissions = useSession().data?.permissions ?? [];
  const allowed = allowedRoutes(permissions);
  const items = MODULES.filter((item) => allowed.includes(item.key));
  return (
    <Menu
      mode="inline"
      theme="dark"
      selectedKeys={[route]}
      onClick={({ key }) => onNavigate(key as Route)}
      items={items.map((item) => ({
        key: item.key,
        icon: item.icon,
        label: <span data-testid={`nav-${item.key}`}>{t(item.label)}</span>,
      }))}
    />
  );
}
