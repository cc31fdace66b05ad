import { createHash } from 'node:crypto';

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
 * A stable share of the datasets: each file goes to the shard its path hashes to, so adding or
 * removing one dataset does not move the others between CI machines.
 */
export function inShard(file: string, shard: Shard | undefined): boolean {
  if (!shard || shard.count === 1) return true;
  const bucket = createHash('sha1').update(file.replace(/\\/g, '/')).digest().readUInt32BE(0) % shard.count;
  return bucket === shard.index - 1;
}
