import { Button, Select, Typography } from "antd";
import { LeftOutlined, RightOutlined } from "@ant-design/icons";
import { useT } from "../i18n/useT";
import { formatCount } from "../format/number";
import { PAGE_SIZES, type CursorPagerState } from "./useCursorPager";

type Props = { pager: CursorPagerState; total: number | undefined; nextCursor: string | null | undefined; testId: string };

/** 共 N 条 · 第 k 页 · 上一页/下一页 · page size, driven by the server's next_cursor. */
export function CursorPager({ pager, total, nextCursor, testId }: Props) {
  const t = useT();
  return (
    <div className="cursor-pager" data-testid={testId}>
      <Typography.Text data-testid={`${testId}-total`}>{t("pager.total", { total: formatCount(total ?? 0) })}</Typography.Text>
      <Typography.Text type="secondary">{t("pager.page", { page: pager.page })}</Typography.Text>
      <Button icon={<LeftOutlined />} disabled={!pager.hasPrev} onClick={pager.prev} data-testid={`${testId}-prev`}>
        {t("pager.prev")}
      </Button>
      <Button
        disabled={!nextCursor}
        onClick={() => nextCursor && pager.next(nextCursor)}
        data-testid={`${testId}-next`}
      >
        {t("pager.next")}
        <RightOutlined />
      </Button>
      <Select
        value={pager.pageSize}
        onChange={pager.setPageSize}
        style={{ width: 110 }}
        data-testid={`${testId}-size`}
        options={PAGE_SIZES.map((size) => ({ value: size, label: t("pager.pageSize", { size }) }))}
      />
    </div>
  );
}
