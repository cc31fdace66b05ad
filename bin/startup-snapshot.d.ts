/** Types of bin/startup-snapshot.js (plain JavaScript so that the launcher needs no compile step). */
export type SnapshotChoice = { blob: string; bundle: string; unusable?: undefined } | { unusable: string; blob?: undefined; bundle?: undefined };
export function usableSnapshot(root: string, environment?: NodeJS.ProcessEnv): SnapshotChoice;
export function runFromSnapshot(snapshot: { blob: string; bundle: string }): void;
