import { useEffect, useState } from "react";
import { App, Button, Result, Space } from "antd";
import { DatabaseOutlined } from "@ant-design/icons";
import { useErrorToast } from "../../api/useErrorToast";
import { useT } from "../../i18n/useT";
import { useEnterprise } from "../session/EnterpriseProvider";
import { useLoadDemo } from "./hooks";
import { CreateBrandModal } from "../setup/CreateBrandModal";
import { TeamConnectModal } from "../team/TeamGate";
import { useTeamStatus } from "../team/hooks";
import { markFirstScreen } from "../../shell/firstScreen";

/**
 * Shown while the database holds no brand: 创建品牌 starts the brand's own program (U-1), 载入演示数据 fills it
 * with a demo brand.
 */
export function EmptyDatabase({ onLoaded, onCreated }: { onLoaded: () => void; onCreated: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useErrorToast();
  const { select } = useEnterprise();
  const loadDemo = useLoadDemo();
  const [creating, setCreating] = useState(false);
  const [connecting, setConnecting] = useState(false);
  const onTeam = useTeamStatus().data?.connected ?? false;
  useEffect(() => markFirstScreen("empty"), []);

  // mutateAsync: this page gives way to the pages as soon as the session has a brand, and mutate drops its
  // callbacks when its component is gone
  const onClick = () =>
    loadDemo.mutateAsync(undefined).then((demo) => {
      select(demo.enterprise_id);
      void message.success(
        t("demo.loaded", {
          brand: demo.enterprise_name,
          brands: demo.enterprises,
          others: demo.enterprises - 1,
          stores: demo.stores,
          staff: demo.staff,
          notes: demo.notes.toLocaleString(),
        }),
      );
      onLoaded();
    }, showError);

  return (
    <div className="centered-fill">
      <Result
        icon={<DatabaseOutlined />}
        title={t("demo.emptyTitle")}
        subTitle={t("demo.emptyHint")}
        extra={
          <Space size="middle">
            <Button type="primary" size="large" onClick={() => setCreating(true)} data-testid="create-brand">
              {t("setup.createBrand")}
            </Button>
            <Button size="large" loading={loadDemo.isPending} onClick={onClick} data-testid="load-demo">
              {loadDemo.isPending ? t("demo.loading") : t("demo.load")}
            </Button>
            {/* U-4: a store's or a leader's computer works on the brand's team server instead */}
            {!onTeam && (
              <Button size="large" onClick={() => setConnecting(true)} data-testid="empty-team-connect">
                {t("team.connect")}
              </Button>
            )}
          </Space>
        }
      />
      <TeamConnectModal open={connecting} onClose={() => setConnecting(false)} />
      <CreateBrandModal
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(brand) => {
          setCreating(false);
          select(brand.id);
          void message.success(t("setup.brandCreated", { name: brand.name }));
          onCreated();
        }}
      />
    </div>
  );
}
