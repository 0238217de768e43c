import { screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { installFakeCore } from "../test/fakeCore";
import { renderApp } from "../test/renderApp";

// Issue 15 item 4: what the window's first screen waits for. Its own file: the early session is once per page load.
describe("the window's first screen (issue 15 item 4)", () => {
  it("asks the session once, beside team_status, and shows 概览 without waiting for app_info", async () => {
    const core = installFakeCore();
    renderApp();
    expect(await screen.findByTestId("overview-page")).toBeInTheDocument();
    expect(await screen.findByTestId("monthly-chart")).toBeInTheDocument();
    await waitFor(() => expect(document.documentElement.dataset.firstScreen).toBe("overview"));
    expect(core.callsOf("team_status")).toHaveLength(1);
    // the session the shell and 概览 render with is the one asked beside team_status: no second round
    expect(core.callsOf("session_get")).toHaveLength(1);
    // an actor with a brand proves the database is not empty: the installation's counts are not asked
    expect(core.callsOf("app_info")).toEqual([]);
  });
});
