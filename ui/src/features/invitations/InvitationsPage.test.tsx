import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LanguageProvider } from "../../i18n/LanguageProvider";
import { IDENTITY_MISMATCH, installFakeCore } from "../../test/fakeCore";
import { renderApp } from "../../test/renderApp";
import { Countdown } from "./Countdown";
import { formatRemaining } from "./countdown";

function openAsEmployee(overrides = {}) {
  const core = installFakeCore({ overrides });
  core.state.actorId = 4; // 陈小美, 员工
  window.location.hash = "#/invitations";
  renderApp();
  return core;
}

describe("消息通知 (employee)", () => {
  it("is in the employee's sidebar and lists the invitation with brand, mode and job title", async () => {
    openAsEmployee();
    expect(await screen.findByTestId("nav-invitations")).toHaveTextContent("消息通知");
    expect(screen.queryByTestId("nav-bindings")).not.toBeInTheDocument();
    const card = await screen.findByTestId("invitation-41");
    expect(card).toHaveTextContent("悦家家政服务 邀请你绑定为员工号");
    expect(card).toHaveTextContent("员工个人号授权");
    expect(card).toHaveTextContent("导购");
    expect(screen.getByTestId("invitation-countdown-41")).toHaveTextContent(/剩余 47:59:\d\d/);
  });

  it("sends name and ID number on accept and keeps the invitation open on a mismatch", async () => {
    const core = openAsEmployee({
      accept_invitation: () => {
        throw IDENTITY_MISMATCH;
      },
    });
    fireEvent.click(await screen.findByTestId("invitation-accept-41"));
    fireEvent.click(await screen.findByTestId("accept-submit"));
    expect(await screen.findByText("请填写员工姓名")).toBeInTheDocument();
    expect(core.callsOf("accept_invitation")).toEqual([]);

    fireEvent.change(screen.getByTestId("accept-name"), { target: { value: "陈小美" } });
    fireEvent.change(screen.getByTestId("accept-id"), { target: { value: "11010519491231002x" } });
    fireEvent.click(screen.getByTestId("accept-submit"));
    await waitFor(() =>
      expect(core.callsOf("accept_invitation")).toEqual([
        { args: { binding_id: 41, name: "陈小美", id_number: "11010519491231002X" } },
      ]),
    );
    expect(await screen.findByTestId("accept-error")).toHaveTextContent(
      "姓名或身份证号与邀请信息不一致，无法接受邀请；请核对后重试，或联系企业更正邀请 (B-14)",
    );
    expect(screen.getByTestId("invitation-accept-41")).toBeEnabled();
  });

  it("declines after a confirmation", async () => {
    const core = openAsEmployee();
    fireEvent.click(await screen.findByTestId("invitation-decline-41"));
    expect(core.callsOf("decline_invitation")).toEqual([]);
    fireEvent.click(await screen.findByTestId("invitation-decline-confirm-41"));
    await waitFor(() => expect(core.callsOf("decline_invitation")).toEqual([{ args: { binding_id: 41 } }]));
    expect(await screen.findByText("已拒绝邀请")).toBeInTheDocument();
  });
});

describe("countdown (B-13)", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("formats hours beyond a day", () => {
    expect(formatRemaining((47 * 3600 + 59 * 60 + 12) * 1000)).toBe("47:59:12");
    expect(formatRemaining(999)).toBe("00:00:00");
    expect(formatRemaining(-5000)).toBe("00:00:00");
  });

  it("ticks every second and shows 已失效 at zero", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-11-26T10:00:00Z"));
    const onExpired = vi.fn();
    render(
      <LanguageProvider>
        <Countdown until="2026-11-26T10:00:03Z" testId="cd" onExpired={onExpired} />
      </LanguageProvider>,
    );
    expect(screen.getByTestId("cd")).toHaveTextContent("剩余 00:00:03");
    act(() => vi.advanceTimersByTime(1000));
    expect(screen.getByTestId("cd")).toHaveTextContent("剩余 00:00:02");
    act(() => vi.advanceTimersByTime(2000));
    expect(screen.getByTestId("cd")).toHaveTextContent("已失效");
    expect(onExpired).toHaveBeenCalledTimes(1);
  });

  it("starts from the full 48 hours", () => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date("2026-11-26T10:00:00Z"));
    render(
      <LanguageProvider>
        <Countdown until="2026-11-28T09:59:12Z" testId="cd" />
      </LanguageProvider>,
    );
    expect(screen.getByTestId("cd")).toHaveTextContent("剩余 47:59:12");
  });
});
