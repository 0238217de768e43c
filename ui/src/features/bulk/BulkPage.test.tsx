import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { pickOpen, pickSave } from "../../test/fakeDialogs";
import { beforeEach, describe, expect, it} from "vitest";
import type { BulkReport, Session } from "../../api/commands.gen";
import { apiError, BRAND, USERS, bulkReportFixture, installFakeCore } from "../../test/fakeCore";
import { renderApp } from "../../test/renderApp";


/** 品牌市场 with the binding permissions (the core checks again on every call). */
const marketing = (): Session => ({
  actor: USERS[1],
  enterprises: [BRAND],
  permissions: ["view_enterprise", "view_overview", "view_staff", "view_bindings", "manage_bindings"],
});

function openBulk(overrides = {}) {
  const core = installFakeCore({ overrides: { session_get: marketing, ...overrides } });
  window.location.hash = "#/bulk";
  renderApp();
  return core;
}

async function chooseAndValidate() {
  pickOpen.mockReturnValueOnce("/home/a/员工.xlsx").mockReturnValueOnce("/home/a/证明");
  fireEvent.click(await screen.findByTestId("bulk-choose-xlsx"));
  expect(await screen.findByText("员工.xlsx")).toBeInTheDocument();
  fireEvent.click(screen.getByTestId("bulk-choose-proofs"));
  expect(await screen.findByText("证明")).toBeInTheDocument();
  fireEvent.click(screen.getByTestId("bulk-validate"));
}

describe("批量绑定 (B-16)", () => {
  beforeEach(() => {
    pickOpen.mockReset().mockReturnValue(null);
    pickSave.mockReset().mockReturnValue(null);
  });

  it("saves the template where the save dialog points, with the brand's stores", async () => {
    const core = openBulk();
    pickSave.mockReturnValueOnce("/home/a/模板.xlsx");
    fireEvent.click(await screen.findByTestId("bulk-template"));
    await waitFor(() => expect(core.callsOf("bulk_template")).toEqual([{ args: { file: "grant:/home/a/模板.xlsx", enterprise_id: 7 } }]));
    expect(pickSave.mock.calls[0][0]).toMatchObject({ filters: [{ extensions: ["xlsx"] }] });
  });

  it("validates the chosen sheet and proofs folder and shows counts and reasons", async () => {
    const core = openBulk();
    expect(await screen.findByTestId("bulk-validate")).toBeDisabled();
    expect(screen.getByTestId("nav-bulk")).toHaveTextContent("批量绑定");
    await chooseAndValidate();
    await waitFor(() =>
      expect(core.callsOf("bulk_validate")).toEqual([
        { args: { enterprise_id: 7, file: "grant:/home/a/员工.xlsx", proofs_folder: "grant:/home/a/证明" } },
      ]),
    );
    expect(pickOpen.mock.calls[0][0]).toMatchObject({ folder: false, filters: [{ extensions: ["xlsx"] }] });
    expect(pickOpen.mock.calls[1][0]).toMatchObject({ folder: true });
    expect(await screen.findByTestId("bulk-summary")).toHaveTextContent("共 2 行：有效 1 行，无效 1 行");
    expect(screen.getByTestId("bulk-summary")).toHaveTextContent("已跳过 2 行示例");
    expect(screen.getByTestId("bulk-filter-valid")).toHaveTextContent("有效 1");
    expect(screen.getByTestId("bulk-filter-invalid")).toHaveTextContent("无效 1");
    const reasons = screen.getByTestId("bulk-reasons-3");
    expect(within(reasons).getByText("身份证号码校验位不正确，请核对")).toBeInTheDocument();
    expect(within(reasons).getByText(/B-11/)).toBeInTheDocument();
    expect(screen.getAllByText("**************001X")).toHaveLength(2);

    // the filter shows only the invalid row
    fireEvent.click(screen.getByTestId("bulk-filter-invalid"));
    await waitFor(() => expect(screen.queryByText("95000002")).not.toBeInTheDocument());
    expect(screen.getByText("95000003")).toBeInTheDocument();

    // 导出报告 through the save dialog
    pickSave.mockReturnValueOnce("/home/a/报告.xlsx");
    fireEvent.click(screen.getByTestId("bulk-export"));
    await waitFor(() => expect(core.callsOf("bulk_export_report")).toEqual([{ args: { batch_id: "batch-1", file: "grant:/home/a/报告.xlsx" } }]));
  });

  it("keeps send disabled when no row is valid", async () => {
    const none: BulkReport = { ...bulkReportFixture(), valid: 0, invalid: 2 };
    none.rows = none.rows.map((r) => ({ ...r, valid: false }));
    const core = openBulk({ bulk_validate: () => none });
    expect(await screen.findByTestId("bulk-send")).toBeDisabled();
    await chooseAndValidate();
    expect(await screen.findByTestId("bulk-summary")).toHaveTextContent("有效 0 行");
    expect(screen.getByTestId("bulk-send")).toBeDisabled();
    expect(core.callsOf("bulk_send")).toEqual([]);
  });

  it("sends the batch after confirmation and shows the result", async () => {
    const core = openBulk();
    await chooseAndValidate();
    const send = await screen.findByTestId("bulk-send");
    await waitFor(() => expect(send).toBeEnabled());
    expect(send).toHaveTextContent("发送邀请（1 行）");
    fireEvent.click(send);
    const dialog = await screen.findByRole("dialog");
    expect(within(dialog).getByText(/承诺书.*服务协议/)).toBeInTheDocument();
    expect(core.callsOf("bulk_send")).toEqual([]);
    fireEvent.click(screen.getByTestId("bulk-confirm"));
    await waitFor(() =>
      expect(core.callsOf("bulk_send")).toEqual([{ args: { enterprise_id: 7, batch_id: "batch-1", signed: true } }]),
    );
    expect(await screen.findByTestId("bulk-result")).toHaveTextContent("已发送 1 份邀请");
    expect(screen.getByTestId("bulk-result")).toHaveTextContent("无效未发送 1 行");
    expect(within(screen.getByTestId("bulk-rows")).getByText("已发送")).toBeInTheDocument();
  });

  it("shows the core's refusal of a broken file in place", async () => {
    openBulk({
      bulk_validate: () => {
        throw apiError("invalid_input", "表格文件已损坏或无法读取", "The spreadsheet is damaged");
      },
    });
    await chooseAndValidate();
    expect(await screen.findByTestId("bulk-validate-error")).toHaveTextContent("表格文件已损坏或无法读取");
  });
});
