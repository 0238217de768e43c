import { useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Card, Form, Input, Spin, Typography } from "antd";
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import type { ApiError } from "../../api/commands.gen";
import { errorText } from "../../api/apiError";
import { queryKeys } from "../../api/queryKeys";
import { browserLogin, browserLogout, onSignedOut, type BrowserSignIn } from "../../api/transport";
import { QueryError } from "../../components/QueryError";
import { useLang, useT } from "../../i18n/useT";
import { LangToggle } from "../../shell/LangToggle";
import { useSession } from "../session/hooks";
import { ChangePasswordForm } from "../team/ChangePasswordForm";
import "./phone.css";

type GateState = { signOut: () => Promise<void> };
const GateContext = createContext<GateState | null>(null);

/** 退出 from the phone's header: ends the server's session and shows the login page. */
export function usePhoneSignOut(): () => Promise<void> {
  const gate = useContext(GateContext);
  if (!gate) throw new Error("usePhoneSignOut must be used inside <PhoneGate>");
  return gate.signOut;
}

/**
 * The phone's way in (U-4, U-5): without a session (none yet, expired after a working day, or signed out
 * elsewhere) the login page; a password the administrator reset is changed first; then the pages. Any
 * command answered 401 or "change your password" brings the matching page back (the transport says so).
 */
export function PhoneGate({ children }: { children: ReactNode }) {
  const t = useT();
  const client = useQueryClient();
  const session = useSession();
  const [signedOut, setSignedOut] = useState(false);
  const [mustChange, setMustChange] = useState(false);

  useEffect(
    () =>
      onSignedOut((reason) => {
        if (reason === "unauthenticated") setSignedOut(true);
        else setMustChange(true);
      }),
    [],
  );

  const signedIn = useCallback(
    async (r: BrowserSignIn) => {
      client.setQueryData(queryKeys.session, r.session);
      setSignedOut(false);
      setMustChange(r.must_change_password);
      // whatever the last session was refused is asked again for this one
      await client.resetQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.session[0] });
    },
    [client],
  );

  const signOut = useCallback(async () => {
    await browserLogout();
    client.clear();
    setMustChange(false);
    setSignedOut(true);
  }, [client]);
  const gate = useMemo(() => ({ signOut }), [signOut]);

  const code = (session.error as ApiError | null)?.code;
  if (signedOut || code === "unauthenticated") return <PhoneLogin onSignedIn={signedIn} />;
  if (session.isPending) return <Spin className="centered-fill" />;
  if (mustChange) {
    return (
      <LoginFrame title={t("team.mustChangeTitle")} subtitle={t("team.mustChangeHint")}>
        <ChangePasswordForm
          onDone={() => {
            setMustChange(false);
            void client.resetQueries({ predicate: (q) => q.queryKey[0] !== queryKeys.session[0] });
          }}
        />
      </LoginFrame>
    );
  }
  if (session.isError) return <QueryError error={session.error} onRetry={() => void session.refetch()} />;
  return <GateContext.Provider value={gate}>{children}</GateContext.Provider>;
}

function LoginFrame({ title, subtitle, children }: { title: string; subtitle: ReactNode; children: ReactNode }) {
  return (
    <div className="phone-login-page" data-testid="phone-login-page">
      <Card className="phone-login-card" title={title} extra={<LangToggle />}>
        <Typography.Paragraph type="secondary">{subtitle}</Typography.Paragraph>
        {children}
      </Card>
    </div>
  );
}

type Values = { name: string; password: string };

/** 登录: name and password; the server answers with the session cookie (HttpOnly, a working day long). */
function PhoneLogin({ onSignedIn }: { onSignedIn: (r: BrowserSignIn) => Promise<void> }) {
  const t = useT();
  const { lang } = useLang();
  const [form] = Form.useForm<Values>();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const submit = async (v: Values) => {
    setPending(true);
    setError(null);
    try {
      const r = await browserLogin(v.name.trim(), v.password);
      await onSignedIn(r);
    } catch (e) {
      setError(e as ApiError);
      form.setFieldValue("password", "");
    } finally {
      setPending(false);
    }
  };
  return (
    <LoginFrame title={t("phone.loginTitle")} subtitle={t("phone.loginHint")}>
      {error && (
        <Alert type="error" showIcon className="phone-login-error" data-testid="phone-login-error" title={errorText(error, lang, t("phone.loginFailed"))} />
      )}
      <Form form={form} layout="vertical" requiredMark={false} onFinish={(v) => void submit(v)} data-testid="phone-login-form">
        <Form.Item name="name" label={t("team.name")} rules={[{ required: true, whitespace: true, message: t("team.nameRequired") }]}>
          <Input size="large" autoComplete="username" autoCapitalize="off" data-testid="phone-login-name" />
        </Form.Item>
        <Form.Item name="password" label={t("team.password")} rules={[{ required: true, message: t("team.passwordRequired") }]}>
          <Input.Password size="large" autoComplete="current-password" data-testid="phone-login-password" />
        </Form.Item>
        <Button type="primary" size="large" htmlType="submit" block loading={pending} data-testid="phone-login-submit">
          {pending ? t("team.loggingIn") : t("team.login")}
        </Button>
      </Form>
    </LoginFrame>
  );
}
