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
import type { ComponentType, ReactNode } from "react";
import type { Permission, Role } from "../api/commands.gen";
import type { MessageKey } from "../i18n/zh";
import { OverviewPage } from "../features/overview/OverviewPage";
import { DashboardPage } from "../features/dashboard/DashboardPage";
import { MyDataPage } from "../features/dashboard/MyDataPage";
import { StoresPage } from "../features/stores/StoresPage";
import { RulesPage } from "../features/rules/RulesPage";
import { HistoryPage } from "../features/history/HistoryPage";
import { BulkPage } from "../features/bulk/BulkPage";
import { CampaignsPage } from "../features/campaigns/CampaignsPage";
import { CampaignBoardPage } from "../features/campaigns/CampaignBoardPage";
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

/**
 * The app's one route table: the side nav (its items, in this order), the pages and the header's title all
 * read it. A module lives at `#/<key>` (hash routing: Tauri serves index.html from its own protocol);
 * `more` are its deeper pages, which keep the module's menu item and title (`#/campaigns/12/board`).
 *
 * `permission`: shown only to roles that have it (the session mirrors the core's authz).
 * `title`: the header's title when the menu label alone lacks its section (笔记内容管理 › 待审核笔记).
 */
export interface ModuleRoute {
  readonly key: string;
  readonly label: MessageKey;
  readonly icon: ReactNode;
  readonly page: ComponentType;
  readonly permission?: Permission;
  readonly title?: MessageKey;
  readonly more?: readonly { readonly path: string; readonly page: ComponentType }[];
}

export const MODULES = [
  { key: "overview", label: "nav.overview", icon: <BarChartOutlined />, page: OverviewPage, permission: "view_overview" },
  { key: "dashboard", label: "nav.dashboard", icon: <DashboardOutlined />, page: DashboardPage, permission: "view_overview" },
  { key: "stores", label: "nav.stores", icon: <ShopOutlined />, page: StoresPage, permission: "view_staff" },
  { key: "eligibility", label: "nav.eligibility", icon: <SafetyCertificateOutlined />, page: EligibilityPage, permission: "view_bindings" },
  { key: "bindings", label: "nav.bindings", icon: <TeamOutlined />, page: BindingsPage, permission: "view_bindings" },
  { key: "calendar", label: "nav.calendar", icon: <CalendarOutlined />, page: CalendarPage, permission: "view_bindings" },
  { key: "invitations", label: "nav.invitations", icon: <BellOutlined />, page: InvitationsPage, permission: "respond_invitation" },
  { key: "myData", label: "nav.myData", icon: <IdcardOutlined />, page: MyDataPage, permission: "respond_invitation" },
  { key: "proofs", label: "nav.proofs", icon: <AuditOutlined />, page: ProofReviewPage, permission: "review_proof" },
  { key: "bulk", label: "nav.bulk", icon: <UsergroupAddOutlined />, page: BulkPage, permission: "manage_bindings" },
  { key: "notes", label: "nav.notes", icon: <FileSearchOutlined />, page: NotesPage, permission: "view_notes", title: "nav.title.notes" },
  { key: "requested", label: "nav.requested", icon: <FileDoneOutlined />, page: RequestedPage, permission: "view_notes", title: "nav.title.requested" },
  { key: "noteReview", label: "nav.noteReview", icon: <CheckSquareOutlined />, page: NoteReviewPage, permission: "review_notes", title: "nav.title.noteReview" },
  { key: "juguang", label: "nav.juguang", icon: <RocketOutlined />, page: JuguangPage, permission: "view_notes", title: "nav.title.juguang" },
  { key: "dataCenter", label: "nav.dataCenter", icon: <LineChartOutlined />, page: DataCenterPage, permission: "view_notes", title: "nav.title.dataCenter" },
  {
    key: "campaigns",
    label: "nav.campaigns",
    icon: <GiftOutlined />,
    page: CampaignsPage,
    permission: "view_campaigns",
    // a campaign's board has its own address, so a link (the phone view, U-5) opens it directly
    more: [{ path: ":campaignId/board", page: CampaignBoardPage }],
  },
  { key: "leaderBoard", label: "nav.leaderBoard", icon: <TrophyOutlined />, page: LeaderPage, permission: "view_campaigns" },
  { key: "rules", label: "nav.rules", icon: <SettingOutlined />, page: RulesPage },
  { key: "history", label: "nav.history", icon: <HistoryOutlined />, page: HistoryPage, permission: "view_history" },
  // issue 12 set-up (U-1, U-3): the administrator's brand settings and users
  { key: "brand", label: "nav.brand", icon: <ShopOutlined />, page: BrandSettingsPage, permission: "manage_brand" },
  { key: "users", label: "nav.users", icon: <TeamOutlined />, page: UsersPage, permission: "manage_users" },
  // U-2 (helper Q): 小红书账号
  { key: "accounts", label: "nav.accounts", icon: <ContactsOutlined />, page: AccountsPage, permission: "view_staff" },
] as const satisfies readonly ModuleRoute[];

/** A module of the side nav: its key is the first segment of its address. */
export type Route = (typeof MODULES)[number]["key"];

/** The module an address belongs to (`/campaigns/12/board` → campaigns), or null for an unknown one. */
export function moduleOf(pathname: string): Route | null {
  const first = pathname.split("/").find((s) => s !== "");
  return MODULES.find((m) => m.key === first)?.key ?? null;
}

/** The header's title of a module. */
export function routeTitle(route: Route): MessageKey {
  const item: ModuleRoute | undefined = MODULES.find((i) => i.key === route);
  return item?.title ?? item?.label ?? "nav.overview";
}

/** The modules the role may open, in menu order. */
export function allowedRoutes(permissions: readonly string[]): Route[] {
  return MODULES.filter((m: ModuleRoute) => !m.permission || permissions.includes(m.permission)).map((m) => m.key);
}

/**
 * The phone pages (U-5), under `/m/…` in a phone's browser (the team server serves them): the same page
 * components as the window's modules, laid out for a portrait phone. `tab`: a tab of the bottom bar (the
 * others are deeper addresses, such as the board of one campaign a leader is sent a link to). A page is
 * offered to the roles it names, or to every role with its permission.
 */
export interface PhonePage {
  readonly key: string;
  readonly path: string;
  readonly label: MessageKey;
  readonly icon: ReactNode;
  readonly page: ComponentType;
  readonly permission: Permission;
  readonly roles?: readonly Role[];
  readonly tab: boolean;
}

/** Who reads the 领导看板 on a phone: leaders, and the brand's own people who run the campaigns. */
const BOARD_ROLES: readonly Role[] = ["leader", "admin", "brand_marketing", "store_manager", "agency"];

export const PHONE_PAGES = [
  { key: "board", path: "board", label: "nav.leaderBoard", icon: <TrophyOutlined />, page: LeaderPage, permission: "view_campaigns", roles: BOARD_ROLES, tab: true },
  { key: "campaignBoard", path: "campaigns/:campaignId/board", label: "nav.leaderBoard", icon: <TrophyOutlined />, page: LeaderPage, permission: "view_campaigns", roles: BOARD_ROLES, tab: false },
  { key: "myData", path: "my-data", label: "nav.myData", icon: <IdcardOutlined />, page: MyDataPage, permission: "respond_invitation", tab: true },
  { key: "invitations", path: "invitations", label: "nav.invitations", icon: <BellOutlined />, page: InvitationsPage, permission: "respond_invitation", tab: true },
] as const satisfies readonly PhonePage[];

/** The phone pages a role may open. */
export function allowedPhonePages(role: Role, permissions: readonly string[]): PhonePage[] {
  return PHONE_PAGES.filter((p: PhonePage) => permissions.includes(p.permission) && (!p.roles || p.roles.includes(role)));
}

/** The phone page of an address (`/m/campaigns/12/board` → campaignBoard). */
export function phonePageOf(pathname: string): PhonePage | undefined {
  const rest = pathname.replace(/^\/m\/?/, "").split("/").filter(Boolean);
  return PHONE_PAGES.find((p: PhonePage) => {
    const parts = p.path.split("/");
    return parts.length === rest.length && parts.every((part, i) => part.startsWith(":") || part === rest[i]);
  });
}
