import { Alert, Button, Card, Descriptions, Input, Space, Tag, Typography } from "antd";
import { CheckCircleFilled, CloseCircleFilled, SearchOutlined, UserOutlined } from "@ant-design/icons";
import type { AccountLookup, BindingMode } from "../../api/commands.gen";
import { errorText } from "../../api/apiError";
import { formatCount } from "../../format/number";
import { useLang, useT } from "../../i18n/useT";
import { modeKey } from "../bindings/labels";
import { UntilCountdown } from "../../components/UntilCountdown";
import "./wizard.css";

const MODES: BindingMode[] = ["enterprise", "personal"];

type Props = {
  mode: BindingMode;
  onMode: (mode: BindingMode) => void;
  xhsId: string;
  onXhsId: (value: string) => void;
  onSearch: () => void;
  searching: boolean;
  searchError: unknown;
  lookup: AccountLookup | null;
  xhsMissing: boolean;
};

/** B-9: choose 企业员工号 or 员工个人号授权, search the 小红书号, see whether it can be invited in that mode. */
export function ModeLookup(props: Props) {
  const t = useT();
  const { lang } = useLang();
  const { mode, lookup } = props;
  const option = lookup?.modes.find((m) => m.mode === mode);
  const warning = option ? (lang === "en" ? option.warning_en : option.warning_zh) : null;

  return (
    <div className="page-stack">
      <div>
        <Typography.Text strong>{t("wizard.chooseMode")}</Typography.Text>
        <div className="mode-cards">
          {MODES.map((m) => (
            <Card
              key={m}
              size="small"
              hoverable
              role="radio"
              aria-checked={mode === m}
              className={`mode-card${mode === m ? " mode-card-selected" : ""}`}
              data-testid={`wizard-mode-${m}`}
              onClick={() => props.onMode(m)}
            >
              <Typography.Text strong>{t(modeKey(m))}</Typography.Text>
              <Typography.Paragraph type="secondary" className="mode-card-desc">
                {t(m === "enterprise" ? "wizard.modeDesc.enterprise" : "wizard.modeDesc.personal")}
              </Typography.Paragraph>
            </Card>
          ))}
        </div>
        <Typography.Text type="secondary" className="small-note">
          {t("wizard.rightsNote")}
        </Typography.Text>
      </div>
      {mode === "enterprise" && (
        <Alert type="warning" showIcon data-testid="wizard-enterprise-warning" title={warning || t("wizard.enterpriseWarning")} />
      )}
      <div>
        <Typography.Text strong>{t("wizard.xhsId")}</Typography.Text>
        <Space.Compact className="full-width xhs-search">
          <Input
            data-testid="wizard-xhs"
            value={props.xhsId}
            status={props.xhsMissing ? "error" : undefined}
            placeholder={t("wizard.xhsPlaceholder")}
            maxLength={64}
            onChange={(e) => props.onXhsId(e.target.value)}
            onPressEnter={props.onSearch}
          />
          <Button type="primary" icon={<SearchOutlined />} loading={props.searching} onClick={props.onSearch} data-testid="wizard-search">
            {t("wizard.search")}
          </Button>
        </Space.Compact>
        {props.xhsMissing && <Typography.Text type="danger">{t("wizard.xhsRequired")}</Typography.Text>}
      </div>
      {props.searchError ? (
        <Alert type="error" showIcon data-testid="wizard-lookup-error" title={errorText(props.searchError, lang, t("common.error"))} />
      ) : null}
      {lookup && <LookupResult lookup={lookup} mode={mode} />}
    </div>
  );
}

function LookupResult({ lookup, mode }: { lookup: AccountLookup; mode: BindingMode }) {
  const t = useT();
  const { lang } = useLang();
  return (
    <Card size="small" data-testid="wizard-lookup">
      <div className="lookup-head">
        <div className="avatar-circle">
          <UserOutlined />
        </div>
        <div>
          <Typography.Text strong>{lookup.nickname}</Typography.Text>
          <div>
            <Typography.Text type="secondary">
              {t("bindings.xhsId")} {lookup.xhs_id} · <span className="num">{t("wizard.followers", { count: formatCount(lookup.followers) })}</span>
            </Typography.Text>
          </div>
        </div>
      </div>
      <Space size={[4, 4]} wrap className="lookup-tags">
        <Tag color={lookup.has_shop ? "red" : "green"}>{lookup.has_shop ? t("wizard.hasShop") : t("wizard.noShop")}</Tag>
        <Tag color={lookup.phone_bound ? "green" : "red"}>{lookup.phone_bound ? t("wizard.phoneBound") : t("wizard.phoneMissing")}</Tag>
        <Tag>{lookup.real_name_verified ? t("wizard.realName") : t("wizard.notRealName")}</Tag>
        {lookup.bound_elsewhere && <Tag color="red">{t("wizard.boundElsewhere")}</Tag>}
        {lookup.bound_here && <Tag color="blue">{t("wizard.boundHere")}</Tag>}
      </Space>
      <Descriptions column={1} size="small" className="lookup-modes">
        {lookup.modes.map((m) => (
          <Descriptions.Item
            key={m.mode}
            label={<span className={m.mode === mode ? "lookup-mode-current" : undefined}>{t(modeKey(m.mode))}</span>}
          >
            <span data-testid={`wizard-mode-status-${m.mode}`}>
              {m.allowed ? (
                <Typography.Text type="success">
                  <CheckCircleFilled /> {t("wizard.canInvite")}
                </Typography.Text>
              ) : (
                <Typography.Text type="danger">
                  <CloseCircleFilled /> {t("wizard.cannotInvite")}
                  {t("common.colon")}
                  {(lang === "en" ? m.reason_en : m.reason_zh) ?? ""}
                  {m.available_from && (
                    <>
                      {" "}
                      <UntilCountdown until={m.available_from} testId={`wizard-mode-until-${m.mode}`} />
                    </>
                  )}
                </Typography.Text>
              )}
            </span>
          </Descriptions.Item>
        ))}
      </Descriptions>
    </Card>
  );
}
