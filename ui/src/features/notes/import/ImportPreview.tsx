import { Alert, Button, DatePicker, Descriptions, Select, Table, Tag, type TableColumnsType } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import type { Field, NoteFilePreview } from "../../../api/commands.gen";
import { EllipsisCell } from "../../../components/EllipsisCell";
import { formatDateTime } from "../../../format/dateTime";
import { formatCount } from "../../../format/number";
import { useLang, useT } from "../../../i18n/useT";
import { fileFormatKey, importStatusKey, missingFields } from "../labels";
import { beijingToday } from "../../../format/dateTime";
import "../notes.css";

export const IGNORE = "__ignore__";

/** The mapping row (cells null) or a sample row of the file. */
type PreviewRow = { key: number; cells: string[] | null };

type Props = {
  preview: NoteFilePreview;
  mapping: (Field | null)[];
  onMap: (column: number, field: Field | null) => void;
  dataDate: Dayjs;
  onDataDate: (date: Dayjs) => void;
};

/** A field's name in the current language (the core's label, or the field key if unknown). */
export function useFieldLabel(preview: NoteFilePreview) {
  const { lang } = useLang();
  return (field: Field) => {
    const f = preview.fields.find((x) => x.field === field);
    return f ? (lang === "en" ? f.label_en : f.label) : field;
  };
}

/** The sample rows under the file's own headers, each column with a Select of the field it fills (N-1). */
export function ImportPreview({ preview, mapping, onMap, dataDate, onDataDate }: Props) {
  const t = useT();
  const { lang } = useLang();
  const fieldLabel = useFieldLabel(preview);
  const { headers, sample, rows, format } = preview.preview;
  const missing = missingFields(mapping);
  // the import of this file with the data date chosen decides (no change, or a resume); another date only informs
  const chosen = dataDate.format("YYYY-MM-DD");
  const previous = preview.earlier.find((i) => i.data_date === chosen);
  const other = previous ? undefined : preview.earlier.find((i) => i.status === "done");

  const options = [
    { value: IGNORE, label: t("import.ignore") },
    ...preview.fields.map((f) => {
      const required = f.required || f.field === "note_id" || f.field === "note_link";
      return { value: f.field, label: `${lang === "en" ? f.label_en : f.label}${required ? " *" : ""}` };
    }),
  ];

  // the first row holds the Selects, under the file's own headers and above its sample rows (a Select in
  // the header itself would be cloned into the table's hidden measuring row)
  const columns: TableColumnsType<PreviewRow> = headers.map((header, i) => ({
    key: `c${i}`,
    width: 176,
    ellipsis: { showTitle: false },
    title: (
      <div className={mapping[i] ? "map-source" : "map-source map-ignored"} title={header}>
        {header || t("import.noHeader", { n: i + 1 })}
      </div>
    ),
    render: (_: unknown, row) =>
      row.cells === null ? (
        <Select<string>
          size="small"
          className="full-width"
          value={mapping[i] ?? IGNORE}
          onChange={(v) => onMap(i, v === IGNORE ? null : (v as Field))}
          options={options}
          popupMatchSelectWidth={false}
          status={mapping[i] ? undefined : "warning"}
          data-testid={`import-map-${i}`}
          aria-label={t("import.mapColumn", { header })}
        />
      ) : (
        <EllipsisCell text={row.cells[i]} />
      ),
  }));
  const dataSource: PreviewRow[] = [{ key: -1, cells: null }, ...sample.map((cells, i) => ({ key: i, cells }))];

  const missingNames = missing.map((f) =>
    f === "note_id" ? t("import.idOrLink") : f === "interactions" ? t("import.interactionsOrParts") : fieldLabel(f),
  );
  // N-1: every column left unmapped warns that its data is dropped, with the core's likely field one click away
  const unmapped = headers
    .map((header, i) => ({ header, i }))
    .filter(({ i }) => mapping[i] == null)
    .map(({ header, i }) => {
      const core = preview.preview.unmapped.find((u) => u.index === i);
      const suggestion = core?.suggestion && !mapping.includes(core.suggestion) ? core.suggestion : null;
      const name = header || t("import.noHeader", { n: i + 1 });
      return { i, name, suggestion };
    });

  return (
    <div className="page-stack" data-testid="import-preview">
      <Descriptions size="small" column={3} bordered>
        <Descriptions.Item label={t("import.fileName")}>
          <span data-testid="import-file-name">{preview.file_name}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t("import.format")}>{t(fileFormatKey(format))}</Descriptions.Item>
        <Descriptions.Item label={t("import.rows")}>
          <span className="num" data-testid="import-rows">
            {t("import.rowCount", { n: formatCount(rows) })}
          </span>
        </Descriptions.Item>
      </Descriptions>

      {previous && (
        <Alert
          type={previous.status === "done" ? "info" : "warning"}
          showIcon
          data-testid="import-previous"
          title={
            previous.status === "done"
              ? t("import.previousDone", { at: formatDateTime(previous.finished_at ?? previous.started_at), date: previous.data_date })
              : previous.status === "running"
                ? t("import.previousRunning")
                : t("import.previousResume", {
                    status: t(importStatusKey(previous.status)),
                    date: previous.data_date,
                    done: formatCount(previous.rows_done),
                    next: formatCount(previous.rows_done + 1),
                  })
          }
        />
      )}

      {other && (
        <Alert
          type="info"
          showIcon
          data-testid="import-previous-other"
          title={t("import.previousOtherDate", {
            at: formatDateTime(other.finished_at ?? other.started_at),
            date: other.data_date,
            chosen,
          })}
        />
      )}

      <div className="map-hint">
        <span>{t("import.mapHint")}</span>
        <span className="toolbar-spacer" />
        <span className="data-date">
          <span>{t("import.dataDate")}</span>
          <DatePicker
            value={dataDate}
            onChange={(d) => d && onDataDate(d)}
            allowClear={false}
            disabledDate={(d) => d.isAfter(dayjs(beijingToday()), "day")}
            data-testid="import-data-date"
          />
        </span>
      </div>

      <Table<PreviewRow>
        data-testid="import-sample"
        size="small"
        bordered
        pagination={false}
        columns={columns}
        dataSource={dataSource}
        rowClassName={(row) => (row.cells === null ? "map-row" : "")}
        scroll={{ x: headers.length * 176 }}
        tableLayout="fixed"
      />

      {missing.length > 0 ? (
        <Alert
          type="error"
          showIcon
          data-testid="import-missing"
          title={t("import.missing", { fields: missingNames.join(t("import.listSep")) })}
        />
      ) : (
        <Alert type="success" showIcon data-testid="import-ready" title={t("import.ready")} />
      )}
      {unmapped.length > 0 && (
        <Alert
          type="warning"
          showIcon
          data-testid="import-unmapped"
          title={t("import.unmappedTitle", { n: unmapped.length })}
          description={
            <ul className="plain-list">
              {unmapped.map(({ i, name, suggestion }) => (
                <li key={i} data-testid={`import-unmapped-${i}`}>
                  <Tag>{t("import.ignore")}</Tag>
                  {t("import.unmappedColumn", { header: name })}
                  {suggestion ? (
                    <Button
                      size="small"
                      type="link"
                      onClick={() => onMap(i, suggestion)}
                      data-testid={`import-unmapped-map-${i}`}
                    >
                      {t("import.mapAs", { field: fieldLabel(suggestion) })}
                    </Button>
                  ) : (
                    <span className="small-note"> {t("import.mapAbove")}</span>
                  )}
                </li>
              ))}
            </ul>
          }
        />
      )}
    </div>
  );
}
