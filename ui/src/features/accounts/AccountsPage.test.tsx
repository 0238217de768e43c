import { fireEvent, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it } from "vitest";
import { installFakeCore } from "../../test/fakeCore";
import { pickOpen } from "../../test/fakeDialogs";
import { renderApp } from "../../test/renderApp";
import { accountImportFixture } from "../../test/rosterFixtures";

function openAccounts(overrides = {}) {
  const core = installFakeCore({ overrides });
  window.location.hash = "#/accounts";
  renderApp();
  return core;
}

describe("小红书账号 (U-2, B-2)", () => {
  beforeEach(() => {
    pickOpen.mockReset().mockReturnValue(null);
  });

  it("lists the accounts with the B-2 facts, owner and dated followers", async () => {
    openAccounts();
    expect(await screen.findByText("acc1")).toBeInTheDocument();
    expect(screen.getByTestId("nav-accounts")).toHaveTextContent("小红书账号");
    expect(screen.getByText("员工1（E0001）")).toBeInTheDocument();
    expect(screen.getAllByText("已开店").length).toBe(1);
    expect(screen.getAllByText("未开店").length).toBe(1);
    fireEvent.click(screen.getByRole("button", { name: "acc1 的粉丝数记录" }));
    expect(await screen.findByText("2026-11-20")).toBeInTheDocument();
  });

  it("registers an account from the form", async () => {
    const core = openAccounts();
    fireEvent.click(await screen.findByTestId("accounts-register"));
    fireEvent.change(await screen.findByTestId("register-xhs"), { target: { value: " new01 " } });
    fireEvent.change(screen.getByTestId("register-nickname"), { target: { value: "新账号" } });
    fireEvent.change(screen.getByTestId("register-followers"), { target: { value: "321" } });
    fireEvent.click(screen.getByTestId("register-ok"));
    await waitFor(() =>
      expect(core.callsOf("register_account")).toEqual([
        {
          args: {
            enterprise_id: 7,
            xhs_id: "new01",
            nickname: "新账号",
            followers: 321,
            phone_bound: true,
            has_shop: false,
            owner_staff_id: null,
          },
        },
      ]),
    );
  });

  it("imports a list and shows each bad row's reason when nothing was written", async () => {
    const core = openAccounts({
      import_accounts: () =>
        accountImportFixture({
          applied: false,
          created: 0,
          updated: 0,
          error_count: 1,
          errors: [{ line: 3, column: "小红书号", value: "acc1", reason: "小红书号 acc1 与第 2 行重复", reason_en: "repeats row 2" }],
        }),
    });
    pickOpen.mockReturnValueOnce("/home/a/账号.xlsx");
    fireEvent.click(await screen.findByTestId("accounts-import"));
    await waitFor(() => expect(core.callsOf("import_accounts")).toEqual([{ args: { enterprise_id: 7, file: "grant:/home/a/账号.xlsx" } }]));
    expect(await screen.findByTestId("accounts-report")).toHaveTextContent("未导入任何内容");
    expect(screen.getByText("小红书号 acc1 与第 2 行重复")).toBeInTheDocument();
  });
});
