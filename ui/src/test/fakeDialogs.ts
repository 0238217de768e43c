// Stand-in for the native file dialogs the Rust side opens (pick_open_file / pick_save_file): a test says what
// the user picks next with pickOpen.mockReturnValueOnce(path) or pickSave.mockReturnValueOnce(path); null is
// a cancelled dialog. The fake core grants the pick as the real one does and answers a FileRef whose token
// names the path, so commands' calls show which file they were handed.
import { vi } from "vitest";
import type { FileRef, PickOpenArgs, PickSaveArgs } from "../api/commands.gen";

export const pickOpen = vi.fn<(args: PickOpenArgs) => string | null>(() => null);
export const pickSave = vi.fn<(args: PickSaveArgs) => string | null>(() => null);

const PREFIX = "grant:";

/** The FileRef the fake core hands out for a picked path. */
export function grantFor(path: string): FileRef {
  return { token: `${PREFIX}${path}`, name: path.split(/[\\/]/).pop() ?? path, size: 1_234 };
}

/** The path behind a fake grant's token (a command's result names it, as the core's does). */
export function pathOf(token: string): string {
  if (!token.startsWith(PREFIX)) throw new Error(`not a file grant: ${token}`);
  return token.slice(PREFIX.length);
}

/** As the Rust side does: a saved name without an offered extension gets the first filter's. */
export function withFilterExtension(path: string, filters: PickSaveArgs["filters"] = []): string {
  const ext = /\.([^./\\]+)$/.exec(path)?.[1]?.toLowerCase();
  const offered = filters.flatMap((f) => f.extensions.map((e) => e.toLowerCase()));
  const first = filters[0]?.extensions[0];
  return first && !(ext && offered.includes(ext)) ? `${path}.${first}` : path;
}

export function resetFakeDialogs() {
  pickOpen.mockReset().mockReturnValue(null);
  pickSave.mockReset().mockReturnValue(null);
}
