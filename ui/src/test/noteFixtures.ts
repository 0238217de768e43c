import type {
  BoostRow,
  DataCenterPage,
  DataCenterRow,
  ImportReport,
  ImportRow,
  JobProgress,
  JuguangRow,
  NoteDetail,
  NoteFilePreview,
  NotePage,
  Page,
  QueueNote,
  ReviewQuota,
  ReviewRow,
  TabCounts,
} from "../api/commands.gen";

// Note review queue fixtures (N-1..N-8) for the fake core.

/** A 24-character note ID that ends in the row id, e.g. 65a1b2c3d4e5f60000000001. */
export const noteIdOf = (id: number) => `65a1b2c3d4e5f6${String(id).padStart(10, "0")}`;

export function queueNote(id: number, overrides: Partial<QueueNote> = {}): QueueNote {
  return {
    id,
    enterprise_id: 7,
    account_id: 100 + id,
    note_id: noteIdOf(id),
    title: `保洁阿姨的收纳小技巧第${id}期`,
    note_type: id % 2 ? "image" : "video",
    direction: null,
    published_at: "2026-11-10T02:30:00Z",
    staff_id: id,
    staff_name: `员工${id}`,
    xhs_id: `kos${id}`,
    nickname: `悦家小${id}`,
    exposure: 12000 + id,
    reads: 3400 + id,
    likes: 8,
    collects: 3,
    comments: 2,
    shares: 1,
    interactions: 13,
    parts_known: true,
    metrics_date: "2026-11-20",
    review_state: "none",
    review_requested_at: null,
    review_reason: null,
    boosts: 0,
    on_juguang: false,
    priority: false,
    too_old: false,
    ...overrides,
  };
}

export const QUEUE_TOTAL = 95;

/** 待审核笔记 pages of 3 rows: the first with a 优先 note and a note past 90 days. */
export function queuePage(args: { cursor: string | null; page: number | null; page_size: number }): NotePage {
  const page = args.cursor ? Number(args.cursor.replace("c-", "")) : (args.page ?? 1);
  const base = (page - 1) * 10;
  const rows =
    page === 1
      ? [queueNote(1), queueNote(2, { priority: true, likes: 40 }), queueNote(3, { too_old: true, published_at: "2026-07-01T02:00:00Z" })]
      : [queueNote(base + 1), queueNote(base + 2)];
  return { rows, total: QUEUE_TOTAL, next_cursor: page * 10 < QUEUE_TOTAL ? `c-${page + 1}` : null, page: args.cursor ? 0 : page };
}

const requestedNote = (id: number, state: "in_review" | "rejected" | "approved", overrides: Partial<QueueNote> = {}) =>
  queueNote(id, {
    review_state: state,
    review_requested_at: "2026-11-18T03:00:00Z",
    review_reason: state === "rejected" ? "内容与品牌无直接关系" : state === "approved" ? "内容真实，同意通过" : null,
    ...overrides,
  });

/** 已发起审核笔记 rows per tab: two approved (one already on 聚光), one rejected, one in review. */
export function requestedRows(tab: string | null): QueueNote[] {
  const approved = [requestedNote(41, "approved"), requestedNote(42, "approved", { on_juguang: true })];
  const rejected = [requestedNote(43, "rejected")];
  const inReview = [requestedNote(44, "in_review")];
  if (tab === "approved") return approved;
  if (tab === "rejected") return rejected;
  if (tab === "in_review") return inReview;
  return [...inReview, ...rejected, ...approved];
}

export const TAB_COUNTS: TabCounts = { all: 12, in_review: 5, rejected: 3, approved: 4 };

export function quotaFixture(used = 150, limit = 1000): ReviewQuota {
  return { month: "2026-11", used, limit, remaining: Math.max(0, limit - used) };
}

/** A platform export with an unknown title column (笔记名称): 笔记标题 is missing until mapped by hand. */
export function previewFixture(overrides: Partial<NoteFilePreview> = {}): NoteFilePreview {
  const field = (f: NoteFilePreview["fields"][number]["field"], label: string, label_en: string, required = false) => ({
    field: f,
    label,
    label_en,
    required,
  });
  return {
    file_name: "笔记数据-1120.csv",
    preview: {
      format: "csv_gb18030",
      headers: ["笔记ID", "笔记名称", "笔记类型", "发布时间", "小红书号", "曝光量", "备注", "互动量"],
      mapping: ["note_id", null, "note_type", "published_at", "xhs_id", "exposure", null, "interactions"],
      sample: [
        [noteIdOf(1), "收纳小技巧", "图文", "2026-11-10 10:30", "kos1", "12000", "", "35"],
        [noteIdOf(2), "上门保洁全过程", "视频", "2026-11-11 09:00", "kos2", "8800", "试用", "120"],
      ],
      missing: ["title"],
      rows: 3,
      unmapped: [
        {
          index: 1,
          header: "笔记名称",
          suggestion: "title",
          warning: "「笔记名称」列未对应任何字段，导入时这一列的数据会被忽略",
          warning_en: 'Column "笔记名称" is not mapped to any field: its data will be ignored',
        },
        {
          index: 6,
          header: "备注",
          suggestion: null,
          warning: "「备注」列未对应任何字段，导入时这一列的数据会被忽略",
          warning_en: 'Column "备注" is not mapped to any field: its data will be ignored',
        },
      ],
    },
    fields: [
      field("note_id", "笔记ID", "Note ID"),
      field("note_link", "笔记链接", "Note link"),
      field("title", "笔记标题", "Title", true),
      field("note_type", "笔记类型", "Note type", true),
      field("published_at", "发布时间", "Published at", true),
      field("xhs_id", "小红书号", "Xiaohongshu ID", true),
      field("exposure", "曝光量", "Exposure"),
      field("reads", "阅读量", "Reads"),
      field("interactions", "互动量", "Interactions"),
    ],
    earlier: [],
    ...overrides,
  };
}

export function importRowFixture(overrides: Partial<ImportRow> = {}): ImportRow {
  return {
    id: 5,
    enterprise_id: 7,
    file_name: "笔记数据-1120.csv",
    file_sha256: "ab".repeat(32),
    data_date: "2026-11-20",
    mapping_json: "[]",
    status: "done",
    rows_total: 3,
    rows_done: 3,
    inserted: 1,
    updated: 0,
    unchanged: 0,
    rejected: 1,
    set_aside: 1,
    error: null,
    error_en: null,
    started_by_name: "李市场",
    started_at: "2026-11-20T02:00:00Z",
    finished_at: "2026-11-20T02:00:05Z",
    unmapped: ["备注"],
    ...overrides,
  };
}

export function importReportFixture(): ImportReport {
  return {
    import: importRowFixture(),
    rejects: [{ line: 3, column_name: "发布时间", reason: "发布时间无法识别：昨天", reason_en: "Unreadable publish time: 昨天" }],
    aside: [
      { line: 4, note_id: noteIdOf(9), xhs_id: "stranger9", title: "路人笔记", published_at: "2026-11-12T02:00:00Z", reason: "unknown_account" },
    ],
  };
}

export function jobFixture(overrides: Partial<JobProgress> = {}): JobProgress {
  return {
    id: 1,
    kind: "note_import",
    state: "running",
    phase: "正在导入",
    phase_en: "Importing",
    done: 0,
    total: 3,
    rows_per_sec: 0,
    eta_secs: null,
    elapsed_ms: 0,
    error: null,
    error_en: null,
    import_id: 5,
    path: null,
    ...overrides,
  };
}

export function reviewRow(id: number, overrides: Partial<ReviewRow> = {}): ReviewRow {
  return {
    id,
    enterprise_id: 7,
    enterprise_name: "悦家家政服务",
    note_row_id: 40 + id,
    note_id: noteIdOf(40 + id),
    title: `深度保洁前后对比 ${id}`,
    note_type: "video",
    published_at: "2026-11-12T02:00:00Z",
    staff_name: `员工${id}`,
    xhs_id: `kos${id}`,
    requested_by_name: "李市场",
    requested_at: "2026-11-18T03:00:00Z",
    state: "in_review",
    decided_by_name: null,
    decided_at: null,
    reason: null,
    checklist_json: null,
    ...overrides,
  };
}

export function reviewQueuePage(): Page<ReviewRow> {
  return { rows: [reviewRow(1), reviewRow(2), reviewRow(3)], total: 3, next_cursor: null };
}

export function boostRow(overrides: Partial<BoostRow> = {}): BoostRow {
  return {
    id: 1,
    note_row_id: 41,
    budget_yuan: 5000,
    days: 7,
    goal: "产品种草",
    starts_on: "2026-11-21",
    created_by_name: "李市场",
    created_at: "2026-11-21T02:00:00Z",
    ...overrides,
  };
}

export function noteDetailFixture(noteRowId: number): NoteDetail {
  return {
    note: requestedNote(noteRowId, "approved", { note_type: "video", likes: 120, collects: 30, comments: 12, interactions: 162 }),
    rates: { follows_gained: 9, read_uv: 3100, avg_view_secs: 12.34, video_5s_rate: 0.4567, image_3s_rate: null, video_secs: 95 },
    snapshots: [
      { date: "2026-11-19", exposure: 8000, reads: 2000, likes: 80, collects: 20, comments: 8, interactions: 108, shares: 1, follows_gained: 5, read_uv: 1900 },
      { date: "2026-11-20", exposure: 12000, reads: 3400, likes: 120, collects: 30, comments: 12, interactions: 162, shares: 2, follows_gained: 9, read_uv: 3100 },
    ],
    reviews: [
      reviewRow(1, {
        note_row_id: noteRowId,
        state: "approved",
        decided_by_name: "孙审核",
        decided_at: "2026-11-19T03:00:00Z",
        reason: "内容真实，同意通过",
      }),
    ],
    boosts: [boostRow({ note_row_id: noteRowId })],
  };
}

export function juguangRow(id: number): JuguangRow {
  return {
    note_row_id: id,
    note_id: noteIdOf(id),
    title: `已投放笔记 ${id}`,
    note_type: "video",
    published_at: "2026-11-10T02:00:00Z",
    staff_name: `员工${id}`,
    xhs_id: `kos${id}`,
    exposure: 56000,
    reads: 12000,
    interactions: 880,
    parts_known: true,
    sent_by_name: "李市场",
    sent_at: "2026-11-21T02:00:00Z",
  };
}

export function dataCenterRow(id: number, overrides: Partial<DataCenterRow> = {}): DataCenterRow {
  return {
    id,
    note_id: noteIdOf(id),
    title: `审核通过的笔记 ${id}`,
    note_type: id % 2 ? "image" : "video",
    published_at: "2026-11-10T02:00:00Z",
    staff_name: `员工${id}`,
    xhs_id: `kos${id}`,
    exposure: 20000 + id,
    reads: 5000,
    interactions: 300,
    parts_known: true,
    video_5s_rate: id % 2 ? null : 0.4567,
    image_3s_rate: id % 2 ? 0.3 : null,
    avg_view_secs: 12.34,
    read_uv: 4800,
    video_secs: id % 2 ? null : 95,
    order_source: "用户授权",
    ...overrides,
  };
}

export function dataCenterPage(args: { page: number }): DataCenterPage {
  return { rows: [dataCenterRow(41), dataCenterRow(42)], total: 2, page: args.page };
}
