import { commands, type FileFilter, type FileRef } from "./commands.gen";
import { unwrap } from "./unwrap";

/**
 * Files reach the core only as grants: the Rust side opens the native dialog, the core grants what the user
 * picked for that one purpose, and the window gets a `FileRef` (token, name, size) to hand to a command.
 * The webview has no dialog permission and never names a path. Each resolves to null when cancelled.
 */
export function pickOpenFile(filters: FileFilter[] = []): Promise<FileRef | null> {
  return unwrap(commands.pickOpenFile({ folder: false, filters }));
}

/** A folder whose plain-named files a command may read (B-16's proofs folder). */
export function pickFolder(): Promise<FileRef | null> {
  return unwrap(commands.pickOpenFile({ folder: true, filters: [] }));
}

/** Where to save: the grant serves one write. */
export function pickSaveFile(suggestedName: string, filters: FileFilter[] = []): Promise<FileRef | null> {
  return unwrap(commands.pickSaveFile({ suggested_name: suggestedName, filters }));
}
