import type { UserSummary } from "../../bindings";

/**
 * The employee's own staff id. The core's Actor carries it (dashboard_employee checks it), but the
 * Session's UserSummary does not expose it yet; until the core adds `staff_id` there, this reads it
 * when present and returns null otherwise.
 */
export function actorStaffId(actor: UserSummary | undefined): number | null {
  const id = (actor as (UserSummary & { staff_id?: number | null }) | undefined)?.staff_id;
  return typeof id === "number" ? id : null;
}
