import { screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { installFakeCore } from "../../test/fakeCore";
import { renderApp } from "../../test/renderApp";

describe("绑定日历", () => {
  it("asks for the visible month and the next 90 days and lists what comes up", async () => {
    const core = installFakeCore();
    core.state.actorId = 2;
    window.location.hash = "#/calendar";
    renderApp();

    const upcoming = await screen.findByTestId("calendar-upcoming");
    expect(await within(upcoming).findByText("员工2 · kos2")).toBeInTheDocument();
    expect(within(upcoming).getByText("个人号可解绑")).toBeInTheDocument();
    expect(within(upcoming).getByText("B-18")).toBeInTheDocument();

    await waitFor(() => expect(core.callsOf("binding_calendar").length).toBeGreaterThanOrEqual(2));
    const ranges = core.callsOf("binding_calendar").map((c) => c.args as { from: string; to: string });
    const month = ranges.find((r) => r.from.endsWith("-01"))!;
    expect(month).toBeDefined();
    expect(Number(month.to.slice(8))).toBeGreaterThanOrEqual(28); // the whole visible month
    const next = ranges.find((r) => r !== month)!;
    const days = (Date.parse(next.to) - Date.parse(next.from)) / 86_400_000;
    expect(days).toBe(90);
  });
});
