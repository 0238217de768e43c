import { Button, DatePicker, Form, Input, Select } from "antd";
import { DownloadOutlined, ReloadOutlined, SearchOutlined } from "@ant-design/icons";
import type { Dayjs } from "dayjs";
import type { NoteQuery, NoteTypeFilter } from "../../api/commands.gen";
import { onEnterUnlessComposing } from "../../components/imeEnter";
import { useT } from "../../i18n/useT";
import "./notes.css";

type Range = [Dayjs | null, Dayjs | null] | null | undefined;

type FilterValues = {
  keyword?: string;
  staff_name?: string;
  note?: string;
  published?: Range;
  note_type: NoteTypeFilter | "all";
  requested?: Range;
};

const INITIAL: FilterValues = { note_type: "all" };

const text = (v: string | undefined) => (v && v.trim() ? v.trim() : null);
const day = (d: Dayjs | null | undefined) => (d ? d.format("YYYY-MM-DD") : null);

/** The form's values as the core's N-3 filters (dates as Asia/Shanghai days, both ends included). */
function toQuery(v: FilterValues): NoteQuery {
  return {
    keyword: text(v.keyword),
    staff_name: text(v.staff_name),
    note: text(v.note),
    published_from: day(v.published?.[0]),
    published_to: day(v.published?.[1]),
    note_type: v.note_type === "all" ? null : v.note_type,
    requested_from: day(v.requested?.[0]),
    requested_to: day(v.requested?.[1]),
  };
}

type Props = {
  /** 已发起审核笔记 also filters by 发起审核日期 */
  withRequested?: boolean;
  onApply: (query: NoteQuery) => void;
  onExport: () => void;
  exporting: boolean;
};

/**
 * N-3 filters. They apply on 查询 or Enter, never while typing. The form has no submit button and several
 * text fields, so the browser never submits it on its own; Enter is handled per field and skips the Enter
 * that confirms a pinyin candidate.
 */
export function NoteFilterBar({ withRequested = false, onApply, onExport, exporting }: Props) {
  const t = useT();
  const [form] = Form.useForm<FilterValues>();
  const apply = () => onApply(toQuery(form.getFieldsValue(true) as FilterValues));
  const onEnter = onEnterUnlessComposing(apply);
  const reset = () => {
    form.resetFields();
    onApply(toQuery(INITIAL));
  };

  return (
    <Form
      form={form}
      initialValues={INITIAL}
      labelCol={{ flex: "108px" }}
      wrapperCol={{ flex: "1 1 0" }}
      labelWrap
      colon={false}
    >
      <div className="filter-panel" data-testid="notes-filter">
        <Form.Item name="keyword" label={t("notes.filter.keyword")}>
          <Input allowClear maxLength={100} placeholder={t("notes.filter.keywordPlaceholder")} onKeyDown={onEnter} data-testid="filter-keyword" />
        </Form.Item>
        <Form.Item name="staff_name" label={t("notes.filter.staff")}>
          <Input allowClear maxLength={50} placeholder={t("notes.filter.staffPlaceholder")} onKeyDown={onEnter} data-testid="filter-staff" />
        </Form.Item>
        <Form.Item name="note" label={t("notes.filter.note")}>
          <Input allowClear maxLength={300} placeholder={t("notes.filter.notePlaceholder")} onKeyDown={onEnter} data-testid="filter-note" />
        </Form.Item>
        <Form.Item name="published" label={t("notes.filter.published")}>
          <DatePicker.RangePicker className="full-width" allowEmpty={[true, true]} data-testid="filter-published" />
        </Form.Item>
        <Form.Item name="note_type" label={t("notes.filter.type")}>
          <Select<NoteTypeFilter | "all">
            data-testid="filter-type"
            options={[
              { value: "all", label: t("notes.type.all") },
              { value: "video", label: t("notes.type.video") },
              { value: "image", label: t("notes.type.image") },
            ]}
          />
        </Form.Item>
        {withRequested && (
          <Form.Item name="requested" label={t("notes.filter.requested")}>
            <DatePicker.RangePicker className="full-width" allowEmpty={[true, true]} data-testid="filter-requested" />
          </Form.Item>
        )}
        <div className="filter-actions">
          <Button type="primary" icon={<SearchOutlined />} onClick={apply} data-testid="notes-search">
            {t("notes.filter.search")}
          </Button>
          <Button icon={<ReloadOutlined />} onClick={reset} data-testid="notes-reset">
            {t("notes.filter.reset")}
          </Button>
          <Button icon={<DownloadOutlined />} loading={exporting} onClick={onExport} data-testid="notes-export">
            {t("notes.filter.export")}
          </Button>
        </div>
      </div>
    </Form>
  );
}
