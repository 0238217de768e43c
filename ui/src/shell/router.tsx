import { createHashRouter, type RouteObject } from "react-router";
import { AppShell } from "./AppShell";
import { MODULES, type ModuleRoute } from "./routes";

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
 * Hash routing (`#/campaigns/12/board`): Tauri serves the built index.html from its own protocol, where a
 * path other than / would not find the file. Created once per mounted app, from the address at that time.
 */
export function createAppRouter() {
  return createHashRouter(appRoutes());
}
