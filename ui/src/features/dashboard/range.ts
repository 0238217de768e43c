import dayjs, { type Dayjs } from "dayjs";

export type DayRange = [Dayjs, Dayjs];

/** The default range: the last 90 days, today included. */
export function lastDays(days: number, today: Dayjs = dayjs()): DayRange {
  return [today.subtract(days - 1, "day").startOf("day"), today.startOf("day")];
}

export function yearToDate(today: Dayjs = dayjs()): DayRange {
  return [today.startOf("year"), today.startOf("day")];
}

export const toIsoDay = (d: Dayjs) => d.format("YYYY-MM-DD");
