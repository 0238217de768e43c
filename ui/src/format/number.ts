const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** 12345 → "12,345"; missing values show as a dash. Same grouping in zh-CN and en. */
export function formatCount(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : integer.format(value);
}

/** 0.4567 → "45.67%" (the deck's precision: two decimals of a percent, as the exports write it); a missing rate shows as a dash. */
export function formatRate(value: number | null | undefined): string {
  return value === null || value === undefined ? "—" : `${(value * 100).toFixed(2)}%`;
}
