import { Tooltip } from "antd";

/** A table cell that may be cut with "…": the full text stays reachable in a tooltip. */
export function EllipsisCell({ text }: { text: string | null | undefined }) {
  if (!text) return <>—</>;
  return (
    <Tooltip placement="topLeft" title={text}>
      <span>{text}</span>
    </Tooltip>
  );
}
