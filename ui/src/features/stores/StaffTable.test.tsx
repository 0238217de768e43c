import { fireEvent, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { installFakeCore } from "../../test/fakeCore";
import { renderApp } from "../../test/renderApp";

describe("staff table", () => {
  it("pages with the cursor the core returned", async () => {
    const core = installFakeCore();
    window.location.hash = "#/stores";
    renderApp();

    expect(await screen.findByText("员工1")).toBeInTheDocument();
    expect(screen.getByTestId("staff-pager-total")).toHaveTextContent("共 4 条");
    expect(screen.getByText("12,346")).toBeInTheDocument();
    expect(screen.getAllByText("企业员工号").length).toBeGreaterThan(0);
    expect(screen.getAllByText("员工个人号授权").length).toBeGreaterThan(0);
    expect(core.callsOf("list_staff")[0]).toEqual({
      args: { enterprise_id: 7, store_id: null, keyword: null, page_size: 20, cursor: null },
    });

    fireEvent.click(screen.getByTestId("staff-pager-next"));
    await waitFor(() => expect(core.callsOf("list_staff").at(-1)).toMatchObject({ args: { cursor: "c-2" } }));
    expect(await screen.findByText("员工3")).toBeInTheDocument();
    expect(screen.getByTestId("staff-pager-next")).toBeDisabled();

    fireEvent.click(screen.getByTestId("staff-pager-prev"));
    expect(await screen.findByText("员工1")).toBeInTheDocument();
    expect(screen.getByTestId("staff-pager-prev")).toBeDisabled();
  });

  it("sends the keyword to the core and starts again from the first page", async () => {
    const core = installFakeCore();
    window.location.hash = "#/stores";
    renderApp();
    await screen.findByText("员工1");
    fireEvent.click(screen.getByTestId("staff-pager-next"));
    await screen.findByText("员工3");

    const input = screen.getByPlaceholderText("搜索姓名、小红书号或昵称");
    fireEvent.change(input, { target: { value: " 员工 " } });
    fireEvent.keyDown(input, { key: "Enter", code: "Enter", keyCode: 13 });
    await waitFor(() =>
      expect(core.callsOf("list_staff").at(-1)).toMatchObject({ args: { keyword: "员工", cursor: null } }),
    );
  });
});
