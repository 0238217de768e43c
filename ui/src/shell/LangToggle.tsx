import { Button } from "antd";
import { useLang, useT } from "../i18n/useT";

export function LangToggle() {
  const t = useT();
  const { lang, setLang } = useLang();
  return (
    <Button data-testid="lang-toggle" onClick={() => setLang(lang === "en" ? "zh-CN" : "en")}>
      {t("lang.toggle")}
    </Button>
  );
}
