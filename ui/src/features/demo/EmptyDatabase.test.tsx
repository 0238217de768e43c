import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { FORBIDDEN, installFakeCore } from "../../test/fakeCore";
import { renderApp } from "../../test/renderApp";

describe("empty database", () => {
  it("offers demo data and shows the brand once it is loaded", async () => {
    const core = installFakeCore({ empty: true });
    renderApp();
    expect(await screen.findByText("还没有数据")).toBeInTheDocument();
    const button = screen.getByTestId("load-demo");
    expect(button).toHaveTextContent("载入演示数据");

    fireEvent.click(button);
    await waitFor(() => expect(core.callsOf("load_demo")).toEqual([{ args: { seed: null } }]));
    expect(await screen.findByTestId("current-enterprise")).toHaveTextContent("悦家家政服务");
    expect(await screen.findByText(/已载入演示数据：悦家家政服务/)).toBeInTheDocument();
    expect(await screen.findByTestId("overview-page")).toBeInTheDocument();
    expect(screen.queryByText("还没有数据")).not.toBeInTheDocument();
  });

  it("shows the core's refusal when the actor may not load demo data", async () => {
    installFakeCore({
      empty: true,
      overrides: {
        load_demo: () => {
          throw FORBIDDEN;
        },
      },
    });
    renderApp();
    fireEvent.click(await screen.findByTestId("load-demo"));
    expect(await screen.findByText(FORBIDDEN.message)).toBeInTheDocument();
    expect(screen.getByText("还没有数据")).toBeInTheDocument();
  });
});
