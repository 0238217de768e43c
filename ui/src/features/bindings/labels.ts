import { JOB_TITLES } from "../../api/commands.gen";
import type { BindingMode, BindingStatus, CalendarKind, NextAction } from "../../api/commands.gen";
import type { MessageKey } from "../../i18n/zh";

/** The fixed job titles (B-11): no free text. The core's list, exported into the bindings. */
export { JOB_TITLES };

export const modeKey = (mode: BindingMode): MessageKey => `binding.mode.${mode}`;
export const statusKey = (status: BindingStatus): MessageKey => `binding.status.${status}`;
export const nextActionKey = (next: NextAction): MessageKey => `binding.nextAction.${next}`;
export const calendarKindKey = (kind: CalendarKind): MessageKey => `calendar.kind.${kind}`;

export const MODE_COLOR: Record<BindingMode, string> = { enterprise: "blue", personal: "purple" };

export const STATUS_COLOR: Record<BindingStatus, string> = {
  invited: "gold",
  active: "green",
  frozen: "cyan",
  expired: "default",
  declined: "default",
  unbound: "default",
  dissolved: "red",
  handed_over: "geekblue",
};

const JOB_TITLE_KEYS: Record<(typeof JOB_TITLES)[number], MessageKey> = {
  导购: "jobTitle.guide",
  店长: "jobTitle.manager",
  客服: "jobTitle.service",
  员工: "jobTitle.staff",
  助理: "jobTitle.assistant",
  主播人: "jobTitle.host",
};

/** A job title as the core stores it (Chinese) in the current language; unknown titles show as they are. */
export function jobTitleLabel(t: (key: MessageKey) => string, title: string): string {
  const key = JOB_TITLE_KEYS[title as (typeof JOB_TITLES)[number]];
  return key ? t(key) : title;
}
