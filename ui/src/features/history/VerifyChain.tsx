import { Alert, Button, Form, Input, InputNumber, Modal, Space } from "antd";
import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { commands, type HistoryVerification } from "../../api/commands.gen";
import { unwrap } from "../../api/unwrap";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useLang, useT } from "../../i18n/useT";

type HeadForm = { head_id?: number | null; head_hash?: string };

/**
 * 校验记录链 (B-20): walks the whole history's hash chain in the core; with the 记录链头 copied from an
 * evidence file, also says whether that row still carries that hash.
 */
export function VerifyChain() {
  const t = useT();
  const { lang } = useLang();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<HeadForm>();
  const verify = useMutation({
    mutationFn: (v: HeadForm) =>
      unwrap(
        commands.verifyHistory({
          head_id: v.head_id ?? null,
          head_hash: v.head_hash?.trim() ? v.head_hash.trim() : null,
        }),
      ),
  });
  const result: HistoryVerification | undefined = verify.data;
  const ok = result ? result.intact && result.given_head_found !== false : false;
  return (
    <>
      <Button data-testid="history-verify" onClick={() => setOpen(true)}>
        {t("history.verify")}
      </Button>
      <Modal
        open={open}
        title={t("history.verifyTitle")}
        onCancel={() => {
          setOpen(false);
          verify.reset();
        }}
        okText={t("history.verifyRun")}
        okButtonProps={{ loading: verify.isPending, "data-testid": "history-verify-run" }}
        onOk={() =>
          form.validateFields().then(
            (v) => verify.mutate(v),
            () => undefined, // the form shows what is missing
          )
        }
        destroyOnHidden
      >
        <p className="muted">{t("history.verifyHint")}</p>
        <Form form={form} layout="vertical" preserve={false}>
          <Space.Compact block>
            <Form.Item name="head_id" label={t("history.headId")} style={{ width: 160 }}>
              <InputNumber min={1} precision={0} style={{ width: "100%" }} data-testid="history-head-id" />
            </Form.Item>
            <Form.Item
              name="head_hash"
              label={t("history.headHash")}
              style={{ flex: 1 }}
              dependencies={["head_id"]}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, v: string | undefined) => {
                    const id = getFieldValue("head_id") as number | null | undefined;
                    const hash = (v ?? "").trim();
                    if ((id == null) !== (hash === "")) return Promise.reject(new Error(t("history.headBoth")));
                    if (hash !== "" && !/^[0-9a-fA-F]{64}$/.test(hash)) return Promise.reject(new Error(t("history.headHashShape")));
                    return Promise.resolve();
                  },
                }),
              ]}
            >
              <Input placeholder="64 位十六进制 / 64 hex digits" data-testid="history-head-hash" className="num" />
            </Form.Item>
          </Space.Compact>
        </Form>
        {verify.isError ? <ErrorAlert error={verify.error} testId="history-verify-error" /> : null}
        {result ? (
          <Alert
            data-testid="history-verify-result"
            type={ok ? "success" : "error"}
            showIcon
            title={ok ? t("history.verifyOk") : t("history.verifyBroken")}
            description={
              <div>
                <div>{lang === "en" ? result.message_en : result.message_zh}</div>
                {result.head_id != null ? (
                  <div className="muted num" style={{ wordBreak: "break-all", marginTop: 4 }}>
                    {t("history.currentHead", { id: result.head_id })} {result.head_hash}
                  </div>
                ) : null}
              </div>
            }
          />
        ) : null}
      </Modal>
    </>
  );
}
