import { App, Button, Result } from "antd";
import { DatabaseOutlined } from "@ant-design/icons";
import { useErrorToast } from "../../api/useErrorToast";
import { useT } from "../../i18n/useT";
import { useEnterprise } from "../session/EnterpriseProvider";
import { useLoadDemo } from "./hooks";

/** Shown while the database holds no brand: one button fills it with a demo brand. */
export function EmptyDatabase({ onLoaded }: { onLoaded: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useErrorToast();
  const { select } = useEnterprise();
  const loadDemo = useLoadDemo();

  const onClick = () =>
    loadDemo.mutate(undefined, {
      onSuccess: (demo) => {
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
      },
      onError: showError,
    });

  return (
    <div className="centered-fill">
      <Result
        icon={<DatabaseOutlined />}
        title={t("demo.emptyTitle")}
        subTitle={t("demo.emptyHint")}
        extra={
          <Button type="primary" size="large" loading={loadDemo.isPending} onClick={onClick} data-testid="load-demo">
            {loadDemo.isPending ? t("demo.loading") : t("demo.load")}
          </Button>
        }
      />
    </div>
  );
}
