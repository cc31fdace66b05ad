export interface Shard {
  index: number;
  count: number;
}

/** `"2/4"` → the second of four shards; `undefined` for anything else. */
export function parseShard(text: string): Shard | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) return undefined;
  const index = Number(match[1]);
  const count = Number(match[2]);
  return count >= 1 && index >= 1 && index <= count ? { index, count } : undefined;
}

/**
 * This shard's share of `files` (paths relative to the folder the build runs in): the files in order of
 * their paths, dealt out in turn, so that N jobs get shares that differ by one file at most and every
 * file is built by exactly one of them. (Shares by a hash of each path kept a file on its machine when
 * others were added, but left jobs of a small matrix with nothing to do.) Every job of a CI matrix sees
 * the same files, so all of them deal the same way.
 */
export function shareOf<T>(files: readonly T[], pathOf: (file: T) => string, shard: Shard | undefined): T[] {
  if (!shard || shard.count === 1) return [...files];
  const ordered = files.map((file) => ({ file, key: pathOf(file).replace(/\\/g, '/') })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return ordered.filter((_, position) => position % shard.count === shard.index - 1).map(({ file }) => file);
}
