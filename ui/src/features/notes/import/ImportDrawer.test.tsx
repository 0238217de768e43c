import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import { pickOpen } from "../../../test/fakeDialogs";
import { describe, expect, it} from "vitest";
import { apiError, installFakeCore } from "../../../test/fakeCore";
import { importRowFixture, previewFixture } from "../../../test/noteFixtures";
import { renderApp } from "../../../test/renderApp";
import { beijingToday } from "../../../format/dateTime";

function openImport(overrides = {}) {
  const core = installFakeCore({ overrides });
  core.state.actorId = 2; // 品牌市场
  window.location.hash = "#/notes";
  renderApp();
  return core;
}

async function choosePreview() {
  pickOpen.mockReturnValueOnce("/home/me/笔记数据-1120.csv");
  fireEvent.click(await screen.findByTestId("notes-import-button"));
  fireEvent.click(await screen.findByTestId("import-choose-file"));
  return screen.findByTestId("import-preview");
}

/** Picks an option of the mapping Select above column `i`. */
async function mapColumn(i: number, label: string) {
  fireEvent.mouseDown(within(screen.getByTestId(`import-map-${i}`)).getByRole("combobox"));
  const options = await screen.findAllByTitle(label);
  fireEvent.click(options[options.length - 1]);
}

describe("导入笔记数据 (N-1)", () => {
  it("N-1: warns of every unmapped column, maps the likely field in one click, and the report names what was ignored", async () => {
    const core = openImport();
    await choosePreview();
    const warning = await screen.findByTestId("import-unmapped");
    expect(warning).toHaveTextContent("2 列未对应任何字段，导入时会被忽略");
    expect(within(warning).getByTestId("import-unmapped-1")).toHaveTextContent("「笔记名称」列的数据不会导入");
    expect(within(warning).getByTestId("import-unmapped-6")).toHaveTextContent("「备注」列的数据不会导入");
    expect(within(warning).queryByTestId("import-unmapped-map-6")).not.toBeInTheDocument();
    fireEvent.click(within(warning).getByTestId("import-unmapped-map-1"));
    await waitFor(() => expect(screen.queryByTestId("import-unmapped-1")).not.toBeInTheDocument());
    expect(screen.getByTestId("import-unmapped")).toHaveTextContent("1 列未对应任何字段");
    expect(screen.getByTestId("import-ready")).toBeInTheDocument();
    fireEvent.click(screen.getByTestId("import-start"));
    await waitFor(() =>
      expect((core.callsOf("start_note_import")[0]?.args as { mapping: unknown[] }).mapping).toEqual([
        "note_id",
        "title",
        "note_type",
        "published_at",
        "xhs_id",
        "exposure",
        null,
        "interactions",
      ]),
    );
    expect(await screen.findByTestId("import-report-unmapped")).toHaveTextContent("这次导入忽略了 1 列未对应的数据：备注");
    // one click back to the mapping of the same file, the ignored column still warned of there
    fireEvent.click(screen.getByTestId("import-remap"));
    expect(await screen.findByTestId("import-unmapped-6")).toHaveTextContent("「备注」列的数据不会导入");
    expect(screen.getByTestId("import-start")).toBeEnabled();
  });

  it("N-1, I-1: without 互动量 or all of 点赞/收藏/评论 the import is refused, never counted as 0", async () => {
    openImport();
    await choosePreview();
    await mapColumn(7, "忽略此列");
    expect(await screen.findByTestId("import-missing")).toHaveTextContent("互动量（或点赞、收藏、评论三列）");
    expect(screen.getByTestId("import-start")).toBeDisabled();
  });

  it("previews the file, blocks 开始导入 until the required columns are mapped, then shows progress and the report", async () => {
    const core = openImport();
    const preview = await choosePreview();
    expect(pickOpen.mock.calls[0][0]).toMatchObject({ folder: false, filters: [{ extensions: ["csv", "xlsx"] }] });
    await waitFor(() => expect(core.callsOf("preview_note_file")).toEqual([{ args: { enterprise_id: 7, file: "grant:/home/me/笔记数据-1120.csv" } }]));
    expect(within(preview).getByTestId("import-file-name")).toHaveTextContent("笔记数据-1120.csv");
    expect(within(preview).getByText("CSV（GBK）")).toBeInTheDocument();
    expect(within(preview).getByTestId("import-rows")).toHaveTextContent("3 行");
    // the sample rows under the file's own headers
    expect(within(preview).getByText("上门保洁全过程")).toBeInTheDocument();
    expect(within(preview).getAllByText("笔记名称").length).toBeGreaterThan(0);
    // 笔记名称 is not recognised: 笔记标题 is missing and the import is blocked
    expect(screen.getByTestId("import-missing")).toHaveTextContent("缺少必需的列：笔记标题");
    expect(screen.getByTestId("import-start")).toBeDisabled();
    expect(screen.getByTestId("import-data-date")).toHaveValue(beijingToday());

    // un-mapping 笔记ID makes the ID-or-link requirement show too
    await mapColumn(0, "忽略此列");
    expect(await screen.findByTestId("import-missing")).toHaveTextContent("缺少必需的列：笔记ID或笔记链接、笔记标题");
    await mapColumn(0, "笔记ID *");
    await mapColumn(1, "笔记标题 *");
    await waitFor(() => expect(screen.queryByTestId("import-missing")).not.toBeInTheDocument());
    expect(screen.getByTestId("import-ready")).toBeInTheDocument();
    const start = screen.getByTestId("import-start");
    expect(start).toBeEnabled();
    expect(start).toHaveTextContent("开始导入（3 行）");

    fireEvent.click(start);
    await waitFor(() =>
      expect(core.callsOf("start_note_import")).toEqual([
        {
          args: {
            enterprise_id: 7,
            file: "grant:/home/me/笔记数据-1120.csv",
            mapping: ["note_id", "title", "note_type", "published_at", "xhs_id", "exposure", null, "interactions"],
            data_date: beijingToday(),
          },
        },
      ]),
    );
    // polled progress: rows, speed, time left, phase, then the summary
    const progress = await screen.findByTestId("import-progress");
    expect(progress).toBeInTheDocument();
    expect(await screen.findByText("已处理 2 / 3 行 · 1,200 行/秒 · 预计剩余 1 秒")).toBeInTheDocument();
    expect(screen.getByTestId("import-progress-phase")).toHaveTextContent("正在导入");
    const summary = await screen.findByTestId("import-summary");
    await waitFor(() => expect(core.callsOf("note_import_report")).toContainEqual({ args: { import_id: 5 } }));
    expect(within(summary).getByTestId("stat-inserted")).toHaveTextContent("1");
    expect(within(summary).getByTestId("stat-rejected")).toHaveTextContent("1");
    expect(within(summary).getByTestId("stat-aside")).toHaveTextContent("1");
    const rejects = within(summary).getByTestId("import-rejects");
    expect(within(rejects).getByText("发布时间无法识别：昨天")).toBeInTheDocument();
    expect(within(rejects).getByText("发布时间")).toBeInTheDocument();
    fireEvent.click(within(summary).getByText("另存的笔记（1）"));
    const aside = await within(summary).findByTestId("import-aside");
    expect(within(aside).getByText("账号不在系统中")).toBeInTheDocument();
    expect(within(aside).getByText("stranger9")).toBeInTheDocument();
    expect(screen.getByTestId("import-progress-phase")).toHaveTextContent("导入完成");
  });

  it("cancels a running import after its batch", async () => {
    const core = openImport({ preview_note_file: () => previewFixture({ preview: { ...previewFixture().preview, mapping: ["note_id", "title", "note_type", "published_at", "xhs_id", "exposure", null, "interactions"], missing: [] } }) });
    await choosePreview();
    fireEvent.click(await screen.findByTestId("import-start"));
    fireEvent.click(await screen.findByTestId("import-cancel"));
    await waitFor(() => expect(core.callsOf("cancel_job")).toEqual([{ args: { job_id: 1 } }]));
    await waitFor(() => expect(screen.getByTestId("import-progress")).toHaveAttribute("data-state", "cancelled"));
    expect(screen.getByTestId("import-progress-phase")).toHaveTextContent("重新导入同一文件会从中断处继续");
  });

  it("says when the same file was imported before with the data date chosen, or with another", async () => {
    const today = beijingToday();
    openImport({
      preview_note_file: () =>
        previewFixture({
          earlier: [importRowFixture({ id: 6, status: "done", data_date: today }), importRowFixture({ id: 5, status: "done", data_date: "2026-11-20" })],
        }),
    });
    await choosePreview();
    // the data date defaults to today: that import decides
    expect(await screen.findByTestId("import-previous")).toHaveTextContent(new RegExp(`该文件已于 .* 导入（数据日期 ${today}），以相同数据日期重复导入不会改变数据`));
    expect(screen.queryByTestId("import-previous-other")).not.toBeInTheDocument();
  });

  it("says an import with a new data date adds that day's numbers", async () => {
    openImport({ preview_note_file: () => previewFixture({ earlier: [importRowFixture({ status: "done", data_date: "2020-01-02" })] }) });
    await choosePreview();
    expect(await screen.findByTestId("import-previous-other")).toHaveTextContent(/该文件曾于 .* 以数据日期 2020-01-02 导入；以数据日期 .* 导入会为每篇笔记新增这一天的数据/);
    expect(screen.queryByTestId("import-previous")).not.toBeInTheDocument();
  });

  it("tells where a cancelled import resumes", async () => {
    const today = beijingToday();
    openImport({
      preview_note_file: () =>
        previewFixture({ earlier: [importRowFixture({ status: "cancelled", rows_done: 20000, rows_total: 50000, data_date: today })] }),
    });
    await choosePreview();
    expect(await screen.findByTestId("import-previous")).toHaveTextContent("已保存 20,000 行；以相同数据日期和列对应再次导入，将从第 20,001 行继续");
  });

  it("shows a file the core cannot read in place", async () => {
    openImport({
      preview_note_file: () => {
        throw apiError("file", "文件编码无法识别：请另存为 UTF-8 或 GBK 编码的 CSV，或 XLSX", "Encoding");
      },
    });
    pickOpen.mockReturnValueOnce("/home/me/坏文件.csv");
    fireEvent.click(await screen.findByTestId("notes-import-button"));
    fireEvent.click(await screen.findByTestId("import-choose-file"));
    expect(await screen.findByTestId("import-preview-error")).toHaveTextContent("文件编码无法识别");
  });

  it("lists earlier imports and opens one's report", async () => {
    const core = openImport();
    fireEvent.click(await screen.findByTestId("notes-import-button"));
    fireEvent.click(await screen.findByTestId("import-tab-history"));
    const history = await screen.findByTestId("import-history");
    expect(await within(history).findByText("笔记数据-1120.csv")).toBeInTheDocument();
    expect(within(history).getByText("新增 1 · 更新 0 · 未变 0 · 拒绝 1 · 另存 1")).toBeInTheDocument();
    expect(within(history).getByText("已完成")).toBeInTheDocument();
    fireEvent.click(within(history).getByTestId("import-view-5"));
    expect(await screen.findByTestId("import-summary")).toBeInTheDocument();
    expect(core.callsOf("note_import_report")).toEqual([{ args: { import_id: 5 } }]);
  });
});
