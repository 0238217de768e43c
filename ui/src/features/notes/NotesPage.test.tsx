import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { pickSave } from "../../test/fakeDialogs";
import { describe, expect, it} from "vitest";
import type { ApiError, RequestReviewResult } from "../../api/commands.gen";
import { apiError, installFakeCore } from "../../test/fakeCore";
import { queueNote, queuePage, quotaFixture } from "../../test/noteFixtures";
import { renderApp } from "../../test/renderApp";

const MARKETING = 2;

function openNotes(actorId = MARKETING, overrides = {}) {
  const core = installFakeCore({ overrides });
  core.state.actorId = actorId;
  window.location.hash = "#/notes";
  renderApp();
  return core;
}

const lastList = (core: ReturnType<typeof installFakeCore>) => core.callsOf("list_notes").at(-1)?.args as Record<string, unknown>;

/** The header cell of a column, to click for sorting. */
const header = (name: string) => screen.getAllByRole("columnheader").find((th) => th.textContent?.includes(name))!;

describe("待审核笔记 (N-3, N-4, N-5, S-1)", () => {
  it("shows the quota meter, the rows with their tags, and asks for the first page by publish time", async () => {
    const core = openNotes();
    expect(await screen.findByTestId("quota-meter")).toHaveTextContent("本月剩余可发起审核申请笔记额度 850/1000");
    expect(screen.getByTestId("nav-notes")).toHaveTextContent("待审核笔记");
    expect(await screen.findByText("保洁阿姨的收纳小技巧第1期")).toBeInTheDocument();
    expect(core.callsOf("list_notes")[0]).toEqual({
      args: {
        enterprise_id: 7,
        list: "queue",
        tab: null,
        query: {
          keyword: null,
          staff_name: null,
          note: null,
          published_from: null,
          published_to: null,
          note_type: null,
          requested_from: null,
          requested_to: null,
        },
        sort: "published",
        desc: true,
        page_size: 10,
        cursor: null,
        page: 1,
      },
    });
    const second = screen.getByTestId("note-info-2");
    expect(within(second).getByText("优先")).toBeInTheDocument();
    expect(within(second).getByText("视频笔记")).toBeInTheDocument();
    expect(within(second).getByText("65a1b2c3d4e5f60000000002")).toHaveClass("mono");
    expect(within(screen.getByTestId("note-info-3")).getByText("超过90天")).toBeInTheDocument();
    // thousands separators, right-aligned
    const row1 = screen.getByTestId("note-info-1").closest("tr")!;
    expect(within(row1).getByText("12,001").closest("td")).toHaveStyle({ textAlign: "right" });
    // a note past the N-2 window cannot be selected
    const row3 = screen.getByTestId("note-info-3").closest("tr")!;
    expect(within(row3).getByRole("checkbox")).toBeDisabled();
    expect(within(row1).getByRole("checkbox")).toBeEnabled();
    expect(screen.getByText("共 95 条")).toBeInTheDocument();
  });

  it("sorts in the core: a header click asks for that sort from page 1, the next click flips it", async () => {
    const core = openNotes();
    await screen.findByText("保洁阿姨的收纳小技巧第1期");
    fireEvent.click(header("曝光量"));
    await waitFor(() => expect(lastList(core)).toMatchObject({ sort: "exposure", desc: true, cursor: null, page: 1 }));
    fireEvent.click(header("曝光量"));
    await waitFor(() => expect(lastList(core)).toMatchObject({ sort: "exposure", desc: false, page: 1 }));
    fireEvent.click(header("互动量"));
    await waitFor(() => expect(lastList(core)).toMatchObject({ sort: "interactions", desc: true }));
  });

  it("steps to the next page with the cursor, jumps with a page number, and goes back by the cursor it learnt", async () => {
    const core = openNotes();
    await screen.findByText("保洁阿姨的收纳小技巧第1期");
    const pager = screen.getByTestId("notes-table-pager");
    fireEvent.click(within(pager).getByTitle("下一页"));
    await waitFor(() => expect(lastList(core)).toMatchObject({ cursor: "c-2", page: null }));
    expect(await screen.findByText("保洁阿姨的收纳小技巧第11期")).toBeInTheDocument();

    // 跳至 5 页: no cursor, the page number (the core counts the offset)
    const jumper = within(pager).getByRole("textbox");
    fireEvent.change(jumper, { target: { value: "5" } });
    fireEvent.keyUp(jumper, { key: "Enter", code: "Enter", keyCode: 13 });
    await waitFor(() => expect(lastList(core)).toMatchObject({ cursor: null, page: 5 }));
    expect(await screen.findByText("保洁阿姨的收纳小技巧第41期")).toBeInTheDocument();

    // from there the next page is the keyset again
    fireEvent.click(within(pager).getByTitle("下一页"));
    await waitFor(() => expect(lastList(core)).toMatchObject({ cursor: "c-6", page: null }));
    expect(await screen.findByText("保洁阿姨的收纳小技巧第51期")).toBeInTheDocument();

    // back to page 2: by the cursor learnt when stepping there, never by offset
    fireEvent.change(jumper, { target: { value: "2" } });
    fireEvent.keyUp(jumper, { key: "Enter", code: "Enter", keyCode: 13 });
    expect(await screen.findByText("保洁阿姨的收纳小技巧第11期")).toBeInTheDocument();
    expect(core.callsOf("list_notes").some((c) => (c.args as { page: number | null }).page === 2)).toBe(false);
  });

  it("applies filters on 查询 and on Enter, but not on the Enter that confirms a pinyin candidate", async () => {
    const core = openNotes(MARKETING, {
      list_notes: (a: { args: { query: { keyword: string | null }; cursor: string | null; page: number | null; page_size: number } }) =>
        a.args.query.keyword
          ? { rows: [queueNote(99, { title: "只有筛选后才出现的笔记" })], total: 1, next_cursor: null, page: 1 }
          : queuePage(a.args),
    });
    await screen.findByText("保洁阿姨的收纳小技巧第1期");
    const keyword = screen.getByTestId("filter-keyword");
    fireEvent.change(keyword, { target: { value: "收纳" } });
    const before = core.callsOf("list_notes").length;
    // typing does not search; neither does the IME's confirming Enter (isComposing, or keyCode 229 in WebKit)
    fireEvent.compositionStart(keyword);
    fireEvent.keyDown(keyword, { key: "Enter", code: "Enter", keyCode: 229 });
    fireEvent.keyDown(keyword, { key: "Enter", code: "Enter", keyCode: 13, isComposing: true });
    fireEvent.compositionEnd(keyword);
    await new Promise((r) => setTimeout(r, 50));
    expect(core.callsOf("list_notes")).toHaveLength(before);

    fireEvent.keyDown(keyword, { key: "Enter", code: "Enter", keyCode: 13 });
    await waitFor(() => expect(lastList(core)).toMatchObject({ query: { keyword: "收纳" }, page: 1, cursor: null }));

    fireEvent.change(screen.getByTestId("filter-staff"), { target: { value: " 员工2 " } });
    fireEvent.change(screen.getByTestId("filter-note"), { target: { value: "https://www.xiaohongshu.com/explore/65a1b2c3d4e5f60000000002" } });
    fireEvent.mouseDown(within(screen.getByTestId("filter-type")).getByRole("combobox"));
    fireEvent.click(await screen.findByTitle("视频笔记"));
    fireEvent.click(screen.getByTestId("notes-search"));
    await waitFor(() =>
      expect(lastList(core)).toMatchObject({
        query: {
          keyword: "收纳",
          staff_name: "员工2",
          note: "https://www.xiaohongshu.com/explore/65a1b2c3d4e5f60000000002",
          note_type: "video",
        },
      }),
    );

    expect(await screen.findByText("只有筛选后才出现的笔记")).toBeInTheDocument();

    // 重置 clears the form and shows the unfiltered list again (from the cache: same query as at first)
    fireEvent.click(screen.getByTestId("notes-reset"));
    expect(await screen.findByText("保洁阿姨的收纳小技巧第1期")).toBeInTheDocument();
    expect(screen.queryByText("只有筛选后才出现的笔记")).not.toBeInTheDocument();
    expect(screen.getByTestId("filter-keyword")).toHaveValue("");
    expect(screen.getByTestId("filter-staff")).toHaveValue("");
  });

  it("requests review of the selected notes and lists the refused ones with their reasons", async () => {
    const result: RequestReviewResult = {
      requested: [1],
      refused: [
        {
          note_row_id: 2,
          note_id: "65a1b2c3d4e5f60000000002",
          title: "保洁阿姨的收纳小技巧第2期",
          code: "frozen",
          rule: "B-17",
          reason: "账号已冻结，解冻后才能发起审核",
          reason_en: "The account is frozen; unfreeze it first",
        },
      ],
      quota: quotaFixture(151),
    };
    const core = openNotes(MARKETING, { request_review: () => result });
    await screen.findByText("保洁阿姨的收纳小技巧第1期");
    const request = screen.getByTestId("notes-request-button");
    expect(request).toBeDisabled();
    fireEvent.click(within(screen.getByTestId("note-info-1").closest("tr")!).getByRole("checkbox"));
    fireEvent.click(within(screen.getByTestId("note-info-2").closest("tr")!).getByRole("checkbox"));
    expect(screen.getByTestId("notes-selected")).toHaveTextContent("已选 2 篇");
    fireEvent.click(request);
    await waitFor(() => expect(core.callsOf("request_review")).toEqual([{ args: { enterprise_id: 7, note_ids: [1, 2] } }]));
    expect(await screen.findByTestId("request-result-summary")).toHaveTextContent("已发起审核 1 篇，1 篇未能发起");
    expect(screen.getByTestId("request-result-summary")).toHaveTextContent("本月剩余可发起审核申请笔记额度 849/1000");
    expect(screen.getByTestId("refusal-2")).toHaveTextContent("账号已冻结，解冻后才能发起审核");
    expect(screen.getByTestId("refusal-2")).toHaveTextContent("B-17");
    // the list and the quota are read again
    await waitFor(() => expect(core.callsOf("review_quota").length).toBeGreaterThan(1));
    expect(screen.queryByTestId("notes-selected")).not.toBeInTheDocument();
  });

  it("confirms how many were requested when every selected note went to review", async () => {
    const core = openNotes();
    await screen.findByText("保洁阿姨的收纳小技巧第1期");
    fireEvent.click(within(screen.getByTestId("note-info-2").closest("tr")!).getByRole("checkbox"));
    fireEvent.click(screen.getByTestId("notes-request-button"));
    await waitFor(() => expect(core.callsOf("request_review")).toEqual([{ args: { enterprise_id: 7, note_ids: [2] } }]));
    expect(await screen.findByTestId("request-result-summary")).toHaveTextContent("已发起审核 1 篇笔记，等待平台审核");
    expect(screen.getByTestId("request-result-summary")).toHaveTextContent("本月剩余可发起审核申请笔记额度 849/1000");
    expect(screen.queryByTestId("request-refused")).not.toBeInTheDocument();
    fireEvent.click(screen.getByTestId("request-result-close"));
    await waitFor(() => expect(screen.queryByTestId("request-result")).not.toBeInTheDocument());
  });

  it("N-5: shows the core's quota_exceeded message, which says how many fit and counts down to next month's quota", async () => {
    // the month turns in Beijing just under two hours and five minutes from now, whatever day the test runs
    const renews = new Date(Date.now() + 125 * 60_000 - 30_000).toISOString();
    const exceeded: ApiError = apiError(
      "quota_exceeded",
      "本月剩余可发起审核申请笔记额度 1/1000，所选笔记中有 2 篇可发起审核，超出额度，未发起任何审核。请减少到 1 篇以内，或等下月额度恢复",
      "1 of 1000 review requests left this month; 2 selected notes qualify, so none was requested. Select at most 1",
      { rule: "N-5", available_from: renews },
    );
    openNotes(MARKETING, {
      request_review: () => {
        throw exceeded;
      },
    });
    await screen.findByText("保洁阿姨的收纳小技巧第1期");
    fireEvent.click(within(screen.getByTestId("note-info-1").closest("tr")!).getByRole("checkbox"));
    fireEvent.click(within(screen.getByTestId("note-info-2").closest("tr")!).getByRole("checkbox"));
    fireEvent.click(screen.getByTestId("notes-request-button"));
    expect(await screen.findByTestId("quota-exceeded")).toHaveTextContent("请减少到 1 篇以内");
    expect(screen.getByTestId("quota-until-left")).toHaveTextContent("还剩 2 小时 05 分");
    expect(screen.getAllByText("本月审核额度不足").length).toBeGreaterThan(0);
  });

  it("exports the list as filtered and sorted through the save dialog, with progress", async () => {
    const core = openNotes();
    await screen.findByText("保洁阿姨的收纳小技巧第1期");
    fireEvent.click(header("阅读量"));
    await waitFor(() => expect(lastList(core)).toMatchObject({ sort: "reads" }));
    pickSave.mockReturnValueOnce("/home/me/待审核笔记.csv");
    fireEvent.click(screen.getByTestId("notes-export"));
    await waitFor(() => expect(core.callsOf("start_note_export")).toHaveLength(1));
    expect(core.callsOf("start_note_export")[0]).toMatchObject({
      args: { format: "csv", file: "grant:/home/me/待审核笔记.csv", list: { list: "queue", sort: "reads", desc: true, enterprise_id: 7 } },
    });
    expect(await screen.findByTestId("export-progress")).toBeInTheDocument();
    expect(await screen.findByText("已导出 25 条：/home/me/待审核笔记.csv")).toBeInTheDocument();
  });

  it("shows an info notice, not an error, while a big import rebuilds the indexes", async () => {
    openNotes(MARKETING, {
      list_notes: () => {
        throw apiError("indexing", "大批量导入正在进行，笔记列表将在导入和索引完成后可查询", "A large import is running");
      },
    });
    const notice = await screen.findByTestId("notes-indexing");
    expect(notice).toHaveTextContent("大批量导入正在进行");
    expect(notice).toHaveClass("ant-alert-info");
    expect(screen.queryByTestId("query-error")).not.toBeInTheDocument();
  });

  it("gives read-only roles no selection, import or request", async () => {
    openNotes(1); // 系统管理员: view_notes only
    await screen.findByText("保洁阿姨的收纳小技巧第1期");
    expect(screen.queryByTestId("notes-request-button")).not.toBeInTheDocument();
    expect(screen.queryByTestId("notes-import-button")).not.toBeInTheDocument();
    expect(within(screen.getByTestId("note-info-1").closest("tr")!).queryByRole("checkbox")).not.toBeInTheDocument();
    expect(screen.getByTestId("quota-meter")).toBeInTheDocument();
  });
});
