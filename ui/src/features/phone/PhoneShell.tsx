import { LogoutOutlined } from "@ant-design/icons";
import { Button, Empty, Spin } from "antd";
import { Navigate, NavLink, Outlet, useLocation } from "react-router";
import { useT } from "../../i18n/useT";
import { roleKey } from "../../i18n/roleLabel";
import { LangToggle } from "../../shell/LangToggle";
import { allowedPhonePages, phonePageOf } from "../../shell/routes";
import { useEnterprise } from "../session/EnterpriseProvider";
import { useSession } from "../session/hooks";
import { PhoneLayoutContext } from "./layout";
import { usePhoneSignOut } from "./PhoneGate";
import "./phone.css";

/** The pages this user may open on a phone. */
function usePhonePages() {
  const session = useSession().data;
  return session ? allowedPhonePages(session.actor.role, session.permissions) : null;
}

/**
 * The phone's frame (U-5): a header with the page's title, the brand, the language and 退出; the page; a tab bar
 * at the bottom with the pages of the role (a leader: 领导看板; an employee: 我的数据 and 消息通知).
 */
export function PhoneShell() {
  const t = useT();
  const session = useSession().data;
  const brand = useEnterprise().current;
  const pages = usePhonePages();
  const signOut = usePhoneSignOut();
  const here = phonePageOf(useLocation().pathname);
  if (!session || !pages) return <Spin className="centered-fill" />;
  const tabs = pages.filter((p) => p.tab);
  // an address this role may not open (a leader's link opened by an employee) goes to the role's first page
  if (here && !pages.some((p) => p.key === here.key) && tabs.length > 0) return <Navigate to={`/m/${tabs[0].path}`} replace />;
  return (
    <PhoneLayoutContext.Provider value={true}>
      <div className="phone-shell" data-testid="phone-shell">
        <header className="phone-header">
          <div className="phone-header-text">
            <div className="phone-title" data-testid="phone-title">
              {here ? t(here.label) : t("phone.app")}
            </div>
            <div className="phone-who" data-testid="phone-who">
              {[brand?.name, t("phone.signedInAs", { name: session.actor.name, role: t(roleKey(session.actor.role)) })].filter(Boolean).join(" · ")}
            </div>
          </div>
          <LangToggle />
          <Button icon={<LogoutOutlined />} onClick={() => void signOut()} data-testid="phone-logout">
            {t("phone.logout")}
          </Button>
        </header>
        <main className="phone-content">
          <Outlet />
        </main>
        {tabs.length > 1 && (
          <nav className="phone-tabs" aria-label={t("phone.tabs")}>
            {tabs.map((p) => (
              <NavLink key={p.key} to={`/m/${p.path}`} className="phone-tab" data-testid={`phone-tab-${p.key}`}>
                <span className="phone-tab-icon">{p.icon}</span>
                <span>{t(p.label)}</span>
              </NavLink>
            ))}
          </nav>
        )}
      </div>
    </PhoneLayoutContext.Provider>
  );
}

/** `/m`: the role's first phone page, or what the phone is for when it has none. */
export function PhoneHome() {
  const t = useT();
  const pages = usePhonePages();
  if (!pages) return <Spin className="centered-fill" />;
  const first = pages.find((p) => p.tab);
  if (!first) return <Empty description={t("phone.nothingHere")} data-testid="phone-nothing-here" />;
  return <Navigate to={`/m/${first.path}`} replace />;
}
