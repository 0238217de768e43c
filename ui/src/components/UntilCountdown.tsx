import { Tag } from "antd";
import { ClockCircleOutlined } from "@ant-design/icons";
import { useRemaining, formatLeft } from "../features/invitations/countdown";
import { formatBeijing } from "../format/dateTime";
import { useLang, useT } from "../i18n/useT";

/**
 * The instant a refused action becomes possible (Beijing time, to the minute) and a live countdown to it,
 * like the invitation's; "已可操作" once it has passed (B-1, B-15, B-18, B-19, N-5).
 */
export function UntilCountdown({ until, testId }: { until: string; testId?: string }) {
  const t = useT();
  const { lang } = useLang();
  const left = useRemaining(until);
  return (
    <span className="until-countdown" data-testid={testId}>
      <span className="num">{t("refusal.from", { time: formatBeijing(until) })}</span>{" "}
      {left > 0 ? (
        <Tag color={left < 3600_000 ? "red" : "orange"} icon={<ClockCircleOutlined />} data-testid={testId && `${testId}-left`}>
          <span className="num">{t("refusal.left", { time: formatLeft(left, lang === "en" ? "en" : "zh") })}</span>
        </Tag>
      ) : (
        <Tag color="green" data-testid={testId && `${testId}-left`}>
          {t("refusal.now")}
        </Tag>
      )}
    </span>
  );
}
