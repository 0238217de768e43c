import type { ApiError } from "./commands.gen";

/** The shape tauri-specta gives every command's result. */
export type Result<T, E> = { status: "ok"; data: T } | { status: "error"; error: E };

/** Turns a tauri-specta Result into its data, throwing the ApiError so TanStack Query sees a failure. */
export async function unwrap<T>(pending: Promise<Result<T, ApiError>>): Promise<T> {
  const result = await pending;
  if (result.status === "error") throw result.error;
  return result.data;
}
