import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { installFakeCore } from "../../test/fakeCore";
import { renderApp } from "../../test/renderApp";

describe("history chain (B-20)", () => {
  it("verifies the whole chain and says so", async () => {
    const core = installFakeCore();
    window.location.hash = "#/history";
    renderApp();
    fireEvent.click(await screen.findByTestId("history-verify"));
    fireEvent.click(await screen.findByRole("button", { name: "开始校验" }));
    expect(await screen.findByText("记录链完整")).toBeInTheDocument();
    expect(screen.getByText(/42 条记录的哈希链逐条核对无误/)).toBeInTheDocument();
    expect(core.callsOf("verify_history")).toEqual([{ args: { head_id: null, head_hash: null } }]);
  });

  it("checks an evidence file's chain head and flags one that is gone", async () => {
    const core = installFakeCore();
    window.location.hash = "#/history";
    renderApp();
    fireEvent.click(await screen.findByTestId("history-verify"));
    fireEvent.change(await screen.findByTestId("history-head-id"), { target: { value: "7" } });
    fireEvent.click(screen.getByRole("button", { name: "开始校验" }));
    expect(await screen.findByText("链头编号与哈希需同时填写或同时留空")).toBeInTheDocument();
    expect(core.callsOf("verify_history")).toEqual([]);

    fireEvent.change(screen.getByTestId("history-head-hash"), { target: { value: "b".repeat(64) } });
    fireEvent.click(screen.getByRole("button", { name: "开始校验" }));
    expect(await screen.findByText("记录链有问题")).toBeInTheDocument();
    expect(screen.getByText(/已不在链中/)).toBeInTheDocument();
    await waitFor(() => expect(core.callsOf("verify_history")).toEqual([{ args: { head_id: 7, head_hash: "b".repeat(64) } }]));
  });
});
