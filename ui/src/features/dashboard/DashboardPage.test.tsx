import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { pickSave } from "../../test/fakeDialogs";
import dayjs from "dayjs";
import { describe, expect, it} from "vitest";
import { installFakeCore } from "../../test/fakeCore";
import { renderApp } from "../../test/renderApp";

function openDashboard(actorId = 2) {
  const core = installFakeCore();
  core.state.actorId = actorId;
  window.location.hash = "#/dashboard";
  renderApp();
  return core;
}

const day = (d: dayjs.Dayjs) => d.format("YYYY-MM-DD");

describe("数据看板 · 企业视角 (D-1)", () => {
  it("shows the KPI cards from the core for the last 90 days", async () => {
    const core = openDashboard();
    const cards = await screen.findByTestId("kpi-cards");
    expect(within(cards).getByTestId("kpi-accounts-enterprise")).toHaveTextContent("企业员工号30");
    expect(within(cards).getByTestId("kpi-accounts-personal")).toHaveTextContent("45");
    expect(within(cards).getByTestId("kpi-notes")).toHaveTextContent("1,234");
    expect(within(cards).getByTestId("kpi-interactions")).toHaveTextContent("56,789");
    expect(within(cards).getByTestId("kpi-quota")).toHaveTextContent("150/ 1,000");
    expect(within(cards).getByTestId("kpi-boosts")).toHaveTextContent("6· ¥12,500");
    const today = dayjs();
    expect(core.callsOf("dashboard_enterprise")[0]).toEqual({
      args: { enterprise_id: 7, from: day(today.subtract(89, "day")), to: day(today) },
    });
    for (const id of ["notes-week", "interactions-week", "by-store", "by-job", "by-direction"]) {
      expect(screen.getByTestId(`chart-${id}`)).toBeInTheDocument();
      expect(screen.getByTestId(`chart-export-png-${id}`)).toBeEnabled();
    }
  });

  it("asks again with the new dates when a preset range is chosen", async () => {
    const core = openDashboard();
    await screen.findByTestId("kpi-cards");
    const range = screen.getByTestId("dashboard-range");
    const input = within(range).getAllByRole("textbox")[0];
    fireEvent.mouseDown(input);
    fireEvent.focus(input);
    fireEvent.click(input);
    fireEvent.click(await screen.findByText("近7天"));
    const today = dayjs();
    await waitFor(() =>
      expect(core.callsOf("dashboard_enterprise")).toContainEqual({
        args: { enterprise_id: 7, from: day(today.subtract(6, "day")), to: day(today) },
      }),
    );
  });

  it("exports one chart's data through the save dialog", async () => {
    const core = openDashboard();
    await screen.findByTestId("kpi-cards");
    pickSave.mockReturnValueOnce("/home/me/门店排行.xlsx");
    fireEvent.click(screen.getByTestId("chart-export-data-by-store"));
    const today = dayjs();
    await waitFor(() =>
      expect(core.callsOf("export_dashboard_data")).toEqual([
        { args: { enterprise_id: 7, from: day(today.subtract(89, "day")), to: day(today), chart: "by_store", file: "grant:/home/me/门店排行.xlsx" } },
      ]),
    );
    expect(await screen.findByText("已导出 3 行数据：/home/me/门店排行.xlsx")).toBeInTheDocument();
  });

  it("does not export when the save dialog is cancelled", async () => {
    const core = openDashboard();
    await screen.findByTestId("kpi-cards");
    fireEvent.click(screen.getByTestId("chart-export-data-notes-week"));
    await waitFor(() => expect(pickSave).toHaveBeenCalled());
    expect(core.callsOf("export_dashboard_data")).toEqual([]);
  });

  it("shows empty states when the range has no notes", async () => {
    const core = installFakeCore({
      overrides: {
        dashboard_enterprise: (a) => ({
          from: a.args.from,
          to: a.args.to,
          kpis: {
            accounts_enterprise: 0, accounts_personal: 0, accounts_active_week: 0, notes: 0, interactions: 0, approved_notes: 0,
            review_quota: { month: "2026-11", used: 0, limit: 1000, remaining: 1000 }, boosts: 0, boost_yuan: 0,
          },
          weeks: [{ week: "2026-W48", week_start: "2026-11-23", notes: 0, interactions: 0, exposure: 0, reads: 0 }],
          by_store: [],
          by_job_title: [],
          by_direction: [],
        }),
      },
    });
    core.state.actorId = 2;
    window.location.hash = "#/dashboard";
    renderApp();
    const chart = await screen.findByTestId("chart-by-store");
    expect(within(chart).getByText("该时间段内暂无数据")).toBeInTheDocument();
    expect(screen.getByTestId("chart-export-data-by-store")).toBeDisabled();
    expect(screen.getByTestId("chart-export-png-notes-week")).toBeDisabled();
  });
});

describe("数据看板 · 员工视角 (D-1)", () => {
  it("lets a brand role pick an employee and shows their accounts and campaign ranks", async () => {
    const core = openDashboard();
    fireEvent.click(await screen.findByTestId("dashboard-tab-employee"));
    const picker = await screen.findByTestId("employee-picker");
    fireEvent.mouseDown(within(picker.closest(".ant-select") ?? picker).getByRole("combobox"));
    fireEvent.click(await screen.findByText("员工2 · 静安店 · xhs2"));
    await waitFor(() => expect(core.callsOf("dashboard_employee")).toEqual([{ args: { enterprise_id: 7, staff_id: 2 } }]));
    const view = await screen.findByTestId("employee-dashboard");
    expect(within(view).getByText("kos501")).toBeInTheDocument();
    expect(within(view).getByTestId("employee-interactions-total")).toHaveTextContent("12,400");
    const campaigns = within(view).getByTestId("employee-campaigns");
    expect(within(campaigns).getByText("第 2 名")).toBeInTheDocument();
    expect(within(campaigns).getByText("获奖区")).toBeInTheDocument();
    expect(within(campaigns).getByText("第 14 名")).toBeInTheDocument();
  });

  it("shows an employee only their own view under 我的数据, without a picker", async () => {
    const core = installFakeCore();
    core.state.actorId = 4;
    window.location.hash = "#/myData";
    renderApp();
    expect(await screen.findByTestId("employee-view")).toBeInTheDocument();
    expect(await screen.findByTestId("employee-dashboard")).toHaveTextContent("陈小美");
    expect(screen.queryByTestId("employee-picker")).not.toBeInTheDocument();
    expect(core.callsOf("dashboard_employee")).toEqual([{ args: { enterprise_id: 7, staff_id: 21 } }]);
    expect(screen.getByTestId("nav-myData")).toBeInTheDocument();
    expect(screen.queryByTestId("nav-dashboard")).not.toBeInTheDocument();
    expect(core.callsOf("list_staff")).toEqual([]);
  });
});

describe("数据看板 · 账号健康度 (S-2)", () => {
  it("marks each criterion, counts candidates and sorts in the core", async () => {
    const core = openDashboard();
    fireEvent.click(await screen.findByTestId("dashboard-tab-health"));
    const table = await screen.findByTestId("health-table");
    expect(screen.getByTestId("health-candidates")).toHaveTextContent("共 2 个账号，其中 1 个为优质账号候选");
    expect(within(table).getByTestId("health-followers-2")).toHaveClass("health-fail");
    expect(within(table).getByTestId("health-followers-1")).toHaveClass("health-ok");
    expect(within(table).getByTestId("health-in_stock-2")).toHaveTextContent("3");
    expect(core.callsOf("account_health")).toEqual([{ args: { enterprise_id: 7, sort: "passed", desc: true } }]);

    fireEvent.click(within(table).getByText("粉丝数"));
    await waitFor(() => expect(core.callsOf("account_health")).toContainEqual({ args: { enterprise_id: 7, sort: "followers", desc: true } }));
    fireEvent.click(within(table).getByText("粉丝数"));
    await waitFor(() => expect(core.callsOf("account_health")).toContainEqual({ args: { enterprise_id: 7, sort: "followers", desc: false } }));
  });
});
