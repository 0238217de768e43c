import { App as AntApp, ConfigProvider } from "antd";
import zhCN from "antd/es/locale/zh_CN";
import enUS from "antd/es/locale/en_US";
import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { RouterProvider } from "react-router";
import { LanguageProvider } from "./i18n/LanguageProvider";
import { useLang } from "./i18n/useT";
import { EnterpriseProvider } from "./features/session/EnterpriseProvider";
import { createAppRouter } from "./shell/router";
import { FONT_STACK, MONO_STACK } from "./fonts";
import { TeamGate } from "./features/team/TeamGate";
import { PhoneGate } from "./features/phone/PhoneGate";
import { isBrowserMode } from "./api/transport";

/**
 * antd sets its own font on every component: the window's stacks, with the CJK faces of each OS.
 * `zeroRuntime`: antd's component styles come from its static sheet (antd/dist/antd.css, main.tsx) instead of
 * being generated in the page as components first render — that took about 130 ms of the web view's one thread
 * before the window's first screen (issue 15 item 4). The theme's tokens still apply, as CSS variables.
 */
export const appTheme = {
  token: { colorPrimary: "#ff2442", fontFamily: FONT_STACK, fontFamilyCode: MONO_STACK },
  zeroRuntime: true,
};

function LocalizedAntd({ children }: { children: React.ReactNode }) {
  const { lang } = useLang();
  return (
    <ConfigProvider
      locale={lang === "en" ? enUS : zhCN}
      theme={appTheme}
      button={{ autoInsertSpace: false }}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function App({ client }: { client: QueryClient }) {
  const [router] = useState(createAppRouter);
  // the window asks the shell how it is connected (U-4); a phone's browser signs in to the server it came from (U-5)
  const [Gate] = useState(() => (isBrowserMode() ? PhoneGate : TeamGate));
  return (
    <QueryClientProvider client={client}>
      <LanguageProvider>
        <LocalizedAntd>
          <Gate>
            <EnterpriseProvider>
              <RouterProvider router={router} />
            </EnterpriseProvider>
          </Gate>
        </LocalizedAntd>
      </LanguageProvider>
    </QueryClientProvider>
  );
}
