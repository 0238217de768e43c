import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { LanguageProvider } from "../../i18n/LanguageProvider";
import { noteDetailFixture } from "../../test/noteFixtures";
import { InteractionsCount } from "./InteractionsCount";
import { NoteInfoCell } from "./NoteInfoCell";
import { NoteMetrics } from "./NoteMetrics";

const wrap = (ui: React.ReactElement) => render(<LanguageProvider>{ui}</LanguageProvider>);

describe("互动量 given as a total only (issue 10: N-4, I-1, I-2, I-3, S-1)", () => {
  it("marks the count 仅总数 in lists and leaves known parts unmarked", () => {
    wrap(
      <>
        <div data-testid="total">
          <InteractionsCount value={1234} partsKnown={false} />
        </div>
        <div data-testid="parts">
          <InteractionsCount value={13} partsKnown />
        </div>
      </>,
    );
    expect(screen.getByTestId("total")).toHaveTextContent("1,234仅总数");
    expect(within(screen.getByTestId("parts")).queryByTestId("tag-total-only")).not.toBeInTheDocument();
    expect(screen.getByTestId("parts")).toHaveTextContent(/^13$/);
  });

  it("笔记详情 says the parts are unknown and shows them, and 阅读UV, as 未知 rather than 0", () => {
    const detail = noteDetailFixture(9);
    const note = { ...detail.note, likes: null, collects: null, comments: null, interactions: 123, parts_known: false };
    wrap(<NoteMetrics note={note} rates={{ ...detail.rates, read_uv: null }} testId="m" />);
    const m = screen.getByTestId("m");
    expect(m).toHaveTextContent("互动量123（仅总数，点赞/收藏/评论未知）");
    expect(m).toHaveTextContent("点赞未知");
    expect(m).toHaveTextContent("阅读UV未知");
    expect(m).not.toHaveTextContent("点赞0");
  });

  it("S-1: a note whose likes and comments are unknown shows 优先未知, not 优先", () => {
    const info = { id: 1, note_id: "n", title: "t", note_type: "image", staff_name: null, xhs_id: "x" };
    wrap(
      <>
        <NoteInfoCell note={{ ...info, priority: null }} />
        <NoteInfoCell note={{ ...info, id: 2, priority: false }} />
      </>,
    );
    expect(within(screen.getByTestId("note-info-1")).getByTestId("tag-priority-unknown")).toHaveTextContent("优先未知");
    expect(within(screen.getByTestId("note-info-1")).queryByTestId("tag-priority")).not.toBeInTheDocument();
    expect(within(screen.getByTestId("note-info-2")).queryByTestId("tag-priority-unknown")).not.toBeInTheDocument();
  });
});
