import { act, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import type { Campaign, LeaderViewArgs } from "../../api/commands.gen";
import { campaignFixture, installFakeCore, leaderViewFixture } from "../../test/fakeCore";
import { renderApp } from "../../test/renderApp";
import { defaultCampaign } from "./LeaderPage";

/** Picks an option of an antd Select by its text. */
async function choose(testId: string, text: string) {
  fireEvent.mouseDown(within(screen.getByTestId(testId)).getByRole("combobox"));
  const options = await screen.findAllByTitle(text);
  fireEvent.click(options[options.length - 1]);
}

describe("领导看板 (I-1..I-3)", () => {
  it("shows the running campaign's podium, single-note board, top 10 and trend, read-only", async () => {
    const core = installFakeCore();
    window.location.hash = "#/leaderBoard";
    renderApp();
    const view = await screen.findByTestId("leader-view");
    expect(screen.getByTestId("nav-leaderBoard")).toHaveTextContent("领导看板");
    expect(core.callsOf("campaign_leader_view")).toEqual([{ args: { campaign_id: 11, store_id: null, city: null } }]);
    const places = within(screen.getByTestId("podium")).getAllByTestId(/^podium-place-/);
    expect(places.map((p) => p.getAttribute("data-testid"))).toEqual(["podium-place-2", "podium-place-1", "podium-place-3"]);
    expect(within(places[1]).getByText("张一")).toBeInTheDocument();
    const note = screen.getByTestId("leader-note-1");
    expect(within(note).getByText("月嫂上户第一天的收纳清单")).toBeInTheDocument();
    expect(within(note).getByText("5,320")).toBeInTheDocument();
    expect(within(note).getByText("¥1,000")).toBeInTheDocument();
    expect(within(note).getByText("待复核")).toBeInTheDocument(); // flagged for a human, still listed
    expect(within(view).getByTestId("ranking-chart")).toBeInTheDocument();
    expect(within(view).getByTestId("trend-chart")).toBeInTheDocument();
    expect(within(view).getByText(/同分时互动数多者在前/)).toBeInTheDocument();
    // read-only: no void, confirm or edit here
    expect(screen.queryByText("作废")).not.toBeInTheDocument();
    expect(screen.queryByTestId("awards-confirm")).not.toBeInTheDocument();
  });

  it("narrows to a city then a store, says awards stay campaign-wide, and clears back", async () => {
    const core = installFakeCore();
    window.location.hash = "#/leaderBoard";
    renderApp();
    await screen.findByTestId("leader-view");
    await choose("leader-city", "上海");
    await waitFor(() => expect(core.callsOf("campaign_leader_view").at(-1)).toEqual({ args: { campaign_id: 11, store_id: null, city: "上海" } }));
    expect(await screen.findByTestId("leader-narrowed")).toHaveTextContent("仅显示上海的员工与笔记的名次");
    expect(screen.getByText("上海 前三")).toBeInTheDocument();
    // the store list follows the city: 西湖店 (杭州) is not offered
    fireEvent.mouseDown(within(screen.getByTestId("leader-store")).getByRole("combobox"));
    expect(await screen.findByTitle("静安店")).toBeInTheDocument();
    expect(screen.queryByTitle("西湖店")).not.toBeInTheDocument();
    fireEvent.click(screen.getByTitle("静安店"));
    await waitFor(() => expect(core.callsOf("campaign_leader_view").at(-1)).toEqual({ args: { campaign_id: 11, store_id: 1, city: "上海" } }));
    expect(await screen.findByText("静安店 累计互动排名")).toBeInTheDocument();
    // the narrowed podium marks the awards each person holds campaign-wide
    const first = await screen.findByTestId("podium-place-1");
    expect(within(first).getByText("排名奖")).toBeInTheDocument();
    expect(within(first).getByText("荣誉奖")).toBeInTheDocument();

    fireEvent.click(screen.getByTestId("leader-clear"));
    // back to the whole campaign (read from the cache): the awards again
    await waitFor(() => expect(screen.queryByTestId("leader-narrowed")).not.toBeInTheDocument());
    expect(screen.getByText("I-3 荣誉奖")).toBeInTheDocument();
    expect(screen.getByTestId("leader-city")).not.toHaveTextContent("上海");
  });

  it("goes full screen for the meeting room and leaves on Esc", async () => {
    installFakeCore();
    window.location.hash = "#/leaderBoard";
    renderApp();
    fireEvent.click(await screen.findByTestId("leader-fullscreen"));
    const view = await screen.findByTestId("board-fullscreen-view");
    expect(view).toHaveClass("leader-view-fullscreen");
    expect(within(view).getByTestId("fullscreen-exit")).toBeInTheDocument();
    act(() => {
      fireEvent.keyDown(window, { key: "Escape" });
    });
    await waitFor(() => expect(screen.queryByTestId("board-fullscreen-view")).not.toBeInTheDocument());
    expect(screen.getByTestId("leader-view")).toBeInTheDocument();
  });

  it("shows empty places, not broken charts, before a campaign has notes", async () => {
    installFakeCore({
      overrides: {
        campaign_leader_view: (a) => ({ ...leaderViewFixture(a.args as LeaderViewArgs), podium: [], people: [], notes: [], dates: [], trend: [] }),
      },
    });
    window.location.hash = "#/leaderBoard";
    renderApp();
    const view = await screen.findByTestId("leader-view");
    expect(within(view).getAllByText("暂无上榜员工")).toHaveLength(2); // podium and bars
    expect(within(view).getByText("暂无符合条件的爆文")).toBeInTheDocument();
    expect(within(view).getByText("活动开始后显示每日趋势")).toBeInTheDocument();
    expect(within(view).queryByTestId("ranking-chart")).not.toBeInTheDocument();
    expect(within(view).queryByTestId("trend-chart")).not.toBeInTheDocument();
  });

  it("says so when the brand has no campaign yet", async () => {
    installFakeCore({ overrides: { list_campaigns: () => [] } });
    window.location.hash = "#/leaderBoard";
    renderApp();
    expect(await screen.findByText("还没有激励活动，请先在「激励活动」中新建")).toBeInTheDocument();
  });

  it("opens the latest running campaign, else the latest to end", () => {
    const c = (id: number, end_date: string, status: Campaign["status"]) => campaignFixture({ id, end_date, status });
    expect(defaultCampaign([c(1, "2026-12-31", "draft"), c(2, "2026-11-30", "running"), c(3, "2026-10-31", "confirmed")])?.id).toBe(2);
    expect(defaultCampaign([c(1, "2026-10-31", "confirmed"), c(3, "2026-11-30", "ended")])?.id).toBe(3);
    expect(defaultCampaign([])).toBeUndefined();
  });
});
