import { createBrowserRouter, createHashRouter, Navigate, type RouteObject } from "react-router";
import { isBrowserMode } from "../api/transport";
import { PhoneHome, PhoneShell } from "../features/phone/PhoneShell";
import { AppShell } from "./AppShell";
import { MODULES, PHONE_PAGES, type ModuleRoute, type PhonePage } from "./routes";

/**
 * The pages under the shell, from the one route table. No address (the window's first start) and an unknown
 * one show 概览 in place, as before, without a redirect of their own: a redirect there raced the navigation
 * that follows 创建品牌 (the app leaves its empty state and opens #/brand), and won.
 */
export function appRoutes(): RouteObject[] {
  const modules: readonly ModuleRoute[] = MODULES;
  const home = modules.find((m) => m.key === "overview")!.page;
  return [
    {
      path: "/",
      element: <AppShell />,
      children: [
        { index: true, Component: home },
        ...modules.flatMap((m) => [
          { path: m.key, Component: m.page },
          ...(m.more ?? []).map((more) => ({ path: `${m.key}/${more.path}`, Component: more.page })),
        ]),
        { path: "*", Component: home },
      ],
    },
  ];
}

/**
 * The phone pages (U-5) at `/m/…`: real paths (the team server answers any of them with the app), so a link
 * to one campaign's board opens it; anything else goes to the phone's first page for the role.
 */
export function phoneRoutes(): RouteObject[] {
  const pages: readonly PhonePage[] = PHONE_PAGES;
  return [
    {
      path: "/m",
      element: <PhoneShell />,
      children: [{ index: true, Component: PhoneHome }, ...pages.map((p) => ({ path: p.path, Component: p.page }))],
    },
    { path: "*", element: <Navigate to="/m" replace /> },
  ];
}

/**
 * Hash routing (`#/campaigns/12/board`): Tauri serves the built index.html from its own protocol, where a
 * path other than / would not find the file. Created once per mounted app, from the address at that time.
 */
export function createAppRouter() {
  // in a phone's browser (no Tauri: the team server's pages) the phone routes, with real paths
  return isBrowserMode() ? createBrowserRouter(phoneRoutes()) : createHashRouter(appRoutes());
}
