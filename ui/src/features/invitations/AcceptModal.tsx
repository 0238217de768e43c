import { Alert, App, Form, Input, Modal, Typography } from "antd";
import { useEffect, useState } from "react";
import type { MyInvitation } from "../../api/commands.gen";
import { errorText } from "../../api/apiError";
import { useLang, useT } from "../../i18n/useT";
import { useAcceptInvitation } from "../bindings/hooks";
import { ID_CARD_MESSAGES, liveIdCheck } from "../wizard/idcard";

/** B-14: the employee confirms name and ID number; the core checks them against the invitation. */
export function AcceptModal({ invitation, onClose }: { invitation: MyInvitation | null; onClose: () => void }) {
  const t = useT();
  const { lang } = useLang();
  const { message } = App.useApp();
  const accept = useAcceptInvitation();
  const { reset: resetAccept } = accept; // stable (TanStack Query binds it once)
  const [name, setName] = useState("");
  const [idNumber, setIdNumber] = useState("");
  const [tried, setTried] = useState(false);
  const open = invitation !== null;

  useEffect(() => {
    if (open) {
      // eslint-disable-next-line react-hooks/set-state-in-effect -- the modal stays mounted (antd keeps it for its close animation) and opens again for another subject: its fields start empty
      setName("");
      setIdNumber("");
      setTried(false);
      resetAccept();
    }
  }, [open, invitation?.binding_id, resetAccept]);

  const id = liveIdCheck(idNumber);
  const idError = id === null ? (tried ? t("wizard.idRequired") : undefined) : id.ok ? undefined : ID_CARD_MESSAGES[id.error][lang === "en" ? "en" : "zh"];
  const nameError = tried && !name.trim() ? t("wizard.nameRequired") : undefined;

  const submit = () => {
    setTried(true);
    if (!invitation || !name.trim() || !id?.ok) return;
    accept.mutate(
      { binding_id: invitation.binding_id, name: name.trim(), id_number: id.id },
      {
        onSuccess: () => {
          void message.success(t("invitations.accepted"));
          onClose();
        },
      },
    );
  };

  return (
    <Modal
      open={open}
      title={t("invitations.acceptTitle")}
      okText={t("invitations.accept")}
      cancelText={t("common.cancel")}
      okButtonProps={{ "data-testid": "accept-submit" }}
      confirmLoading={accept.isPending}
      onOk={submit}
      onCancel={onClose}
    >
      {invitation && (
        <Typography.Paragraph>{t("invitations.from", { brand: invitation.enterprise_name })}</Typography.Paragraph>
      )}
      <Alert type="info" showIcon title={t("invitations.acceptHint")} className="action-hint" />
      {accept.isError && (
        <Alert type="error" showIcon data-testid="accept-error" className="action-hint" title={errorText(accept.error, lang, t("common.error"))} />
      )}
      <Form layout="vertical">
        <Form.Item label={t("wizard.name")} required validateStatus={nameError ? "error" : undefined} help={nameError}>
          <Input data-testid="accept-name" value={name} maxLength={24} showCount onChange={(e) => setName(e.target.value)} />
        </Form.Item>
        <Form.Item label={t("wizard.idNumber")} required validateStatus={idError ? "error" : undefined} help={idError}>
          <Input
            data-testid="accept-id"
            className="mono"
            value={idNumber}
            maxLength={18}
            showCount
            onChange={(e) => setIdNumber(e.target.value.replace(/\s/g, "").toUpperCase())}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
