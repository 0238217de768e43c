import { useEffect, useEffectEvent, useState } from "react";
import { Col, Form, Input, Modal, Row, Select } from "antd";
import type { Role, UserAccount } from "../../api/commands.gen";
import { ErrorAlert } from "../../components/ErrorAlert";
import { roleKey } from "../../i18n/roleLabel";
import { useT } from "../../i18n/useT";
import { useEnterprise } from "../session/EnterpriseProvider";
import { useStaffPage, useStores } from "../stores/hooks";
import { useAgencies, useCreateUser, useUpdateUser } from "./hooks";

const ROLES: Role[] = ["admin", "brand_marketing", "store_manager", "leader", "employee", "agency", "platform_reviewer"];
const BRAND_ROLES: Role[] = ["brand_marketing", "store_manager", "leader", "employee"];

type Values = {
  name: string;
  role: Role;
  enterprise_id?: number;
  agency_id?: number;
  store_ids?: number[];
  staff_id?: number;
  phone?: string;
  reason?: string;
};

/** 新建用户 / 编辑用户 (U-3): one role; a brand for brand roles, an agency, stores, or the staff member. */
export function UserFormModal({ open, user, onClose }: { open: boolean; user: UserAccount | null; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const create = useCreateUser();
  const { reset: resetCreate } = create; // stable (TanStack Query binds it once)
  const update = useUpdateUser();
  const { reset: resetUpdate } = update; // stable (TanStack Query binds it once)
  const { enterprises, current } = useEnterprise();
  const agencies = useAgencies(open);
  const role = Form.useWatch("role", form);
  const enterpriseId = Form.useWatch("enterprise_id", form);
  const isBrandRole = role !== undefined && BRAND_ROLES.includes(role);
  const stores = useStores(open && role === "store_manager" ? enterpriseId : undefined);
  const [staffKeyword, setStaffKeyword] = useState("");
  const staff = useStaffPage(
    open && role === "employee" && enterpriseId !== undefined
      ? { enterprise_id: enterpriseId, store_id: null, keyword: staffKeyword || null, page_size: 100, cursor: null }
      : null,
  );
  const error = create.error ?? update.error;

  // The fields start over when the modal opens, or opens for another user; never while it is open (a list or
  // brand refetched meanwhile must not wipe what is being typed), so the brand is read when it opens.
  const startForm = useEffectEvent(() => {
    resetCreate();
    resetUpdate();
    form.resetFields();
    setStaffKeyword("");
    if (user) {
      form.setFieldsValue({
        name: user.name,
        role: user.role,
        enterprise_id: user.enterprise_id ?? undefined,
        agency_id: user.agency_id ?? undefined,
        store_ids: user.store_ids,
        staff_id: user.staff_id ?? undefined,
      });
    } else {
      form.setFieldsValue({ role: "store_manager", enterprise_id: current?.id });
    }
  });
  const userId = user?.id;
  useEffect(() => {
    // eslint-disable-next-line react-hooks/set-state-in-effect -- the modal stays mounted (antd keeps it for its close animation) and opens again for another subject: its fields start empty
    if (open) startForm();
  }, [open, userId]);

  const submit = () =>
    form.validateFields().then((v) => {
      const brandRole = BRAND_ROLES.includes(v.role);
      const phone = v.phone?.trim() ?? "";
      const placed = {
        name: v.name.trim(),
        role: v.role,
        enterprise_id: brandRole ? (v.enterprise_id ?? null) : null,
        agency_id: v.role === "agency" ? (v.agency_id ?? null) : null,
        store_ids: v.role === "store_manager" ? (v.store_ids ?? []) : [],
        staff_id: v.role === "employee" ? (v.staff_id ?? null) : null,
      };
      if (user) {
        update.mutate({ ...placed, user_id: user.id, phone: phone ? phone : null, reason: v.reason?.trim() ?? "" }, { onSuccess: onClose });
      } else {
        create.mutate({ ...placed, phone: phone ? phone : null }, { onSuccess: onClose });
      }
    }, () => undefined);

  const staffOptions = (staff.data?.rows ?? []).map((s) => ({ value: s.id, label: `${s.name} · ${s.store_name}` }));
  if (user?.staff_id && user.staff_name && !staffOptions.some((o) => o.value === user.staff_id)) {
    staffOptions.unshift({ value: user.staff_id, label: user.staff_name });
  }

  return (
    <Modal
      open={open}
      width={680}
      title={user ? t("setup.editUser", { name: user.name }) : t("setup.newUser")}
      okText={t("common.save")}
      cancelText={t("common.cancel")}
      okButtonProps={{ "data-testid": "user-form-submit" }}
      confirmLoading={create.isPending || update.isPending}
      onOk={submit}
      onCancel={onClose}
      forceRender
    >
      <Form form={form} layout="vertical">
        <Row gutter={16}>
          <Col span={12}>
            <Form.Item name="name" label={t("setup.userName")} rules={[{ required: true, whitespace: true, message: t("setup.fieldRequired") }]}>
              <Input maxLength={24} data-testid="user-name" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="role" label={t("setup.role")} rules={[{ required: true }]}>
              <Select
                data-testid="user-role"
                disabled={user?.local_admin}
                options={ROLES.map((r) => ({ value: r, label: t(roleKey(r)) }))}
              />
            </Form.Item>
          </Col>
        </Row>
        {isBrandRole && (
          <Form.Item name="enterprise_id" label={t("header.enterprise")} rules={[{ required: true, message: t("setup.brandRequired") }]}>
            <Select data-testid="user-brand" options={enterprises.map((e) => ({ value: e.id, label: e.name }))} />
          </Form.Item>
        )}
        {role === "agency" && (
          <Form.Item name="agency_id" label={t("role.agency")} rules={[{ required: true, message: t("setup.agencyRequired") }]} extra={t("setup.agencyUserHint")}>
            <Select
              data-testid="user-agency"
              loading={agencies.isLoading}
              options={(agencies.data ?? []).map((a) => ({ value: a.id, label: `${a.name}（${a.brands.join("、") || t("setup.noBrands")}）` }))}
            />
          </Form.Item>
        )}
        {role === "store_manager" && (
          <Form.Item name="store_ids" label={t("setup.managedStores")} rules={[{ required: true, message: t("setup.storesRequired") }]}>
            <Select
              mode="multiple"
              data-testid="user-stores"
              loading={stores.isLoading}
              optionFilterProp="label"
              options={(stores.data ?? []).map((s) => ({
                value: s.id,
                label: s.closed_on ? `${s.name}（${t("setup.storeClosedShort")}）` : s.name,
                disabled: s.closed_on !== null && !(user?.store_ids ?? []).includes(s.id),
              }))}
            />
          </Form.Item>
        )}
        {role === "employee" && (
          <Form.Item name="staff_id" label={t("setup.staffMember")} rules={[{ required: true, message: t("setup.staffRequired") }]}>
            <Select
              showSearch={{ filterOption: false, onSearch: setStaffKeyword }}
              data-testid="user-staff"
              loading={staff.isFetching}
              options={staffOptions}
            />
          </Form.Item>
        )}
        <Form.Item
          name="phone"
          label={t("setup.phone")}
          extra={user?.phone_masked ? t("setup.managerPhoneKeep", { phone: user.phone_masked }) : t("setup.userPhoneHint")}
          rules={[{ pattern: /^\s*(\+?86)?[\s-]*1(?:[\s-]*\d){10}\s*$|^\s*$/, message: t("setup.phoneFormat") }]}
        >
          <Input maxLength={20} data-testid="user-phone" />
        </Form.Item>
        {user && (
          <Form.Item name="reason" label={t("setup.reason")} rules={[{ required: true, whitespace: true, message: t("setup.reasonRequired") }]}>
            <Input maxLength={500} placeholder={t("setup.reasonPlaceholder")} data-testid="user-reason" />
          </Form.Item>
        )}
      </Form>
      {error && <ErrorAlert error={error} testId="user-form-error" />}
    </Modal>
  );
}
