import { Form, Modal } from "antd";
import { useEffect } from "react";
import type { EnterpriseDetail } from "../../api/commands.gen";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useT } from "../../i18n/useT";
import { BrandFields, EMPTY_BRAND, toFacts, type BrandFormValues } from "./BrandFields";
import { useCreateBrand } from "./hooks";

/** 创建品牌 (U-1): the administrator gives the brand its name, 行业, city and B-1 facts. */
export function CreateBrandModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (e: EnterpriseDetail) => void }) {
  const t = useT();
  const [form] = Form.useForm<BrandFormValues>();
  const create = useCreateBrand();
  const { reset: resetCreate } = create; // stable (TanStack Query binds it once)

  useEffect(() => {
    if (open) {
      form.resetFields();
      resetCreate();
    }
  }, [open, form, resetCreate]);

  // mutateAsync, not mutate's own callbacks: the empty start that opened this dialog gives way to the pages as
  // soon as the session has the brand, and mutate drops its callbacks when its component is gone (the failure
  // shows as an error of the form: create.error)
  const submit = () =>
    form.validateFields().then(
      (v) => create.mutateAsync({ facts: toFacts(v) }).then(onCreated, () => undefined),
      () => undefined,
    );

  return (
    <Modal
      open={open}
      width={820}
      title={t("setup.createBrand")}
      okText={t("setup.createBrand")}
      cancelText={t("common.cancel")}
      okButtonProps={{ "data-testid": "create-brand-submit" }}
      confirmLoading={create.isPending}
      onOk={submit}
      onCancel={onClose}
      forceRender
    >
      <Form form={form} layout="vertical" initialValues={EMPTY_BRAND} data-testid="create-brand-form">
        <BrandFields />
      </Form>
      {create.isError && <ErrorAlert error={create.error} testId="create-brand-error" />}
    </Modal>
  );
}
