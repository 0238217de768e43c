import { Alert, Card } from "antd";
import { CheckCircleTwoTone } from "@ant-design/icons";
import type { BindingMode } from "../../api/commands.gen";
import { useT } from "../../i18n/useT";
import type { MessageKey } from "../../i18n/zh";
import { modeKey } from "../bindings/labels";
import "./wizard.css";

const RIGHTS: MessageKey[] = ["wizard.right.badge", "wizard.right.notes", "wizard.right.dm", "wizard.right.tools"];

/** B-6/B-12: the same rights in both modes; only the ownership differs (B-4, B-5). */
export function RightsStep({ mode }: { mode: BindingMode }) {
  const t = useT();
  return (
    <div className="page-stack" data-testid="wizard-rights">
      <Card size="small" title={t("wizard.rightsIntro")}>
        <ul className="rights-list">
          {RIGHTS.map((key) => (
            <li key={key}>
              <CheckCircleTwoTone twoToneColor="#52c41a" /> {t(key)}
            </li>
          ))}
        </ul>
      </Card>
      <Alert
        type={mode === "enterprise" ? "warning" : "info"}
        showIcon
        title={`${t("wizard.ownershipTitle")} · ${t(modeKey(mode))}`}
        description={t(mode === "enterprise" ? "wizard.ownership.enterprise" : "wizard.ownership.personal")}
        data-testid="wizard-ownership"
      />
    </div>
  );
}
