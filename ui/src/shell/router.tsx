import { createHashRouter, Navigate, type RouteObject } from "react-router";
import { AppShell } from "./AppShell";
import { MODULES, type ModuleRoute } from "./routes";

/** The pages under the shell, from the one route table; an unknown address opens 概览 as before. */
export function appRoutes(): RouteObject[] {
  const modules: readonly ModuleRoute[] = MODULES;
  return [
    {
      path: "/",
      element: <AppShell />,
      children: [
        { index: true, element: <Navigate to="/overview" replace /> },
        ...modules.flatMap((m) => [
          { path: m.key, Component: m.page },
          ...(m.more ?? []).map((more) => ({ path: `${m.key}/${more.path}`, Component: more.page })),
        ]),
        { path: "*", element: <Navigate to="/overview" replace /> },
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
