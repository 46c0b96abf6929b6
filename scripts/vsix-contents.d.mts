/** Paths inside the archive's extension/ folder. */
export function vsixEntries(vsix: string): string[];
/** Files the extension loads at run time, for the repository at `root`. */
export function requiredEntries(root: string): string[];
/** Problems with the archive, as sentences; empty when it is fit to ship. */
export function checkVsix(vsix: string, root: string): string[];
