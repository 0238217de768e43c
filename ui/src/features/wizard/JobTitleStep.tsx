import { Alert, Radio, Typography } from "antd";
import { UserOutlined } from "@ant-design/icons";
import { useT } from "../../i18n/useT";
import { JOB_TITLES, jobTitleLabel } from "../bindings/labels";
import "./wizard.css";

type Props = {
  value: string | null;
  onChange: (title: string) => void;
  enterpriseName: string;
  nickname: string;
  missing: boolean;
};

/** B-11: 岗位 from the fixed list only, with the profile badge it becomes. */
export function JobTitleStep({ value, onChange, enterpriseName, nickname, missing }: Props) {
  const t = useT();
  return (
    <div className="page-stack">
      <Alert type="info" showIcon title={t("wizard.titleIntro")} />
      <div className="title-step">
        <div className="page-stack">
          <Typography.Text strong>{t("wizard.titleLabel")}</Typography.Text>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            value={value}
            onChange={(e) => onChange(e.target.value as string)}
            data-testid="wizard-titles"
          >
            {JOB_TITLES.map((title) => (
              <Radio.Button key={title} value={title} data-testid={`wizard-title-${title}`}>
                {jobTitleLabel(t, title)}
              </Radio.Button>
            ))}
          </Radio.Group>
          {missing && <Typography.Text type="danger">{t("wizard.titleRequired")}</Typography.Text>}
        </div>
        <div>
          <Typography.Text type="secondary">{t("wizard.preview")}</Typography.Text>
          <div className="profile-mock" data-testid="wizard-profile-preview">
            <div className="avatar-circle avatar-large">
              <UserOutlined />
            </div>
            <Typography.Text strong className="profile-mock-name">
              {nickname}
            </Typography.Text>
            <span className={`profile-badge${value ? "" : " profile-badge-empty"}`} data-testid="wizard-badge">
              {value ? `${enterpriseName} · ${jobTitleLabel(t, value)}` : t("wizard.previewNoTitle")}
            </span>
          </div>
        </div>
      </div>
    </div>
  );
}
