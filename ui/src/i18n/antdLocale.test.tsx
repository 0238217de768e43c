import { render } from "@testing-library/react";
import { ConfigProvider, Empty } from "antd";
import zhCN from "antd/es/locale/zh_CN";
import { describe, expect, it } from "vitest";

// `antd/locale/zh_CN` silently resolves to English under "type": "module"; guard the import path used.
describe("antd Chinese locale", () => {
  it("renders antd's own texts in Chinese", () => {
    const { container } = render(
      <ConfigProvider locale={zhCN}>
        <Empty />
      </ConfigProvider>,
    );
    expect(container.querySelector(".ant-empty-description")).toHaveTextContent("暂无数据");
  });
});
