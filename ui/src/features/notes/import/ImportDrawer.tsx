import { Drawer, Tabs } from "antd";
import { useState } from "react";
import { useT } from "../../../i18n/useT";
import { ImportHistory } from "./ImportHistory";
import { ImportWizard } from "./ImportWizard";

/**
 * 导入笔记数据 (N-1). Closing the drawer keeps a running import going (and its progress on screen when
 * it is opened again); the import itself runs in the core.
 */
export function ImportDrawer({ open, enterpriseId, onClose }: { open: boolean; enterpriseId: number; onClose: () => void }) {
  const t = useT();
  const [tab, setTab] = useState("import");
  return (
    <Drawer open={open} onClose={onClose} size={980} title={t("import.title")} data-testid="import-drawer">
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: "import", label: <span data-testid="import-tab-file">{t("import.tabFile")}</span>, children: <ImportWizard enterpriseId={enterpriseId} onShowNotes={onClose} /> },
          {
            key: "history",
            label: <span data-testid="import-tab-history">{t("import.tabHistory")}</span>,
            children: <ImportHistory enterpriseId={enterpriseId} active={open && tab === "history"} />,
          },
        ]}
      />
    </Drawer>
  );
}
