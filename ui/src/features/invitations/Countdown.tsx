import { Tag } from "antd";
import { ClockCircleOutlined } from "@ant-design/icons";
import { useEffect, useEffectEvent } from "react";
import { useT } from "../../i18n/useT";
import { formatRemaining, useRemaining } from "./countdown";

/** "剩余 47:59:12" until the invitation lapses (B-13), then 已失效. */
export function Countdown({ until, testId, onExpired }: { until: string; testId?: string; onExpired?: () => void }) {
  const t = useT();
  const left = useRemaining(until);
  const expired = left <= 0;
  // told once when it lapses, with the caller's latest callback (a new callback is no new expiry)
  const expire = useEffectEvent(() => onExpired?.());
  useEffect(() => {
    if (expired) expire();
  }, [expired]);
  return expired ? (
    <Tag data-testid={testId}>{t("binding.status.expired")}</Tag>
  ) : (
    <Tag color={left < 3600_000 ? "red" : "orange"} icon={<ClockCircleOutlined />} data-testid={testId}>
      <span className="num">{t("invitations.remaining", { time: formatRemaining(left) })}</span>
    </Tag>
  );
}
