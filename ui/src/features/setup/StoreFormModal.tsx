import { Col, Form, Input, Modal, Row } from "antd";
import { useEffect } from "react";
import type { StoreRow } from "../../api/commands.gen";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useT } from "../../i18n/useT";
import { useCreateStore, useUpdateStore } from "./hooks";

type Values = { name: string; city: string; district: string; address: string; manager_phone?: string; reason?: string };

/** 新增门店 / 编辑门店 (U-2). `store`: the store edited; `null` with `open`: a new one. */
export function StoreFormModal({
  open,
  enterpriseId,
  store,
  onClose,
}: {
  open: boolean;
  enterpriseId: number;
  store: StoreRow | null;
  onClose: () => void;
}) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const create = useCreateStore();
  const { reset: resetCreate } = create; // stable (TanStack Query binds it once)
  const update = useUpdateStore();
  const { reset: resetUpdate } = update; // stable (TanStack Query binds it once)
  const saving = create.isPending || update.isPending;
  const error = create.error ?? update.error;

  useEffect(() => {
    if (!open) return;
    resetCreate();
    resetUpdate();
    form.resetFields();
    if (store) form.setFieldsValue({ name: store.name, city: store.city, district: store.district, address: store.address });
  }, [open, store, form, resetCreate, resetUpdate]);

  const submit = () =>
    form.validateFields().then((v) => {
      const phone = v.manager_phone?.trim() ?? "";
      if (store) {
        update.mutate(
          {
            store_id: store.id,
            name: v.name,
            city: v.city,
            district: v.district,
            address: v.address,
            // an empty field keeps the phone on file
            manager_phone: phone ? phone : null,
            reason: v.reason?.trim() ? v.reason.trim() : null,
          },
          { onSuccess: onClose },
        );
      } else {
        create.mutate(
          { enterprise_id: enterpriseId, name: v.name, city: v.city, district: v.district, address: v.address, manager_phone: phone ? phone : null, opened_on: null },
          { onSuccess: onClose },
        );
      }
    }, () => undefined);

  const required = (message: string) => [{ required: true, whitespace: true, message }];
  return (
    <Modal
      open={open}
      width={640}
      title={store ? t("setup.editStore", { name: store.name }) : t("setup.newStore")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      okButtonProps={{ "data-testid": "store-form-submit" }}
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      forceRender
    >
      <Form form={form} layout="vertical">
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="name" label={t("stores.name")} rules={required(t("setup.fieldRequired"))}>
              <Input maxLength={40} data-testid="store-name" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="city" label={t("stores.city")} rules={required(t("setup.fieldRequired"))}>
              <Input maxLength={100} data-testid="store-city" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="district" label={t("stores.district")} rules={required(t("setup.fieldRequired"))}>
              <Input maxLength={100} data-testid="store-district" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="address" label={t("stores.address")} rules={required(t("setup.fieldRequired"))}>
          <Input maxLength={100} data-testid="store-address" />
        </Form.Item>
        <Form.Item
          name="manager_phone"
          label={t("setup.managerPhone")}
          extra={store?.manager_phone_masked ? t("setup.managerPhoneKeep", { phone: store.manager_phone_masked }) : t("setup.managerPhoneHint")}
          rules={[{ pattern: /^\s*(\+?86)?[\s-]*1(?:[\s-]*\d){10}\s*$|^\s*$/, message: t("setup.phoneFormat") }]}
        >
          <Input maxLength={20} data-testid="store-phone" />
        </Form.Item>
        {store && (
          <Form.Item name="reason" label={t("setup.reasonOptional")}>
            <Input maxLength={500} data-testid="store-reason" />
          </Form.Item>
        )}
      </Form>
      {error && <ErrorAlert error={error} testId="store-form-error" />}
    </Modal>
  );
}
