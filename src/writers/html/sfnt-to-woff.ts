import { deflateSync } from 'node:zlib';

/**
 * A TrueType/OpenType font (sfnt) wrapped as WOFF 1.0 (W3C Recommendation, 2012): the same tables,
 * each compressed with zlib when that makes it smaller. The WOFF converters on npm compress with pako,
 * which in a fresh process runs unoptimised JavaScript: about 0.2–0.5 s for one handout's faces,
 * against a few milliseconds for Node's own zlib. The format is a 44-byte header and a table
 * directory, written here; the tables themselves are copied, never parsed.
 */
export function sfntToWoff(sfnt: Uint8Array): Buffer {
  const input = Buffer.from(sfnt.buffer, sfnt.byteOffset, sfnt.byteLength);
  if (input.length < 12) throw new Error('not an sfnt font: too short');
  const flavor = input.readUInt32BE(0);
  const numTables = input.readUInt16BE(4);
  if (input.length < 12 + 16 * numTables) throw new Error('not an sfnt font: table directory cut short');
  const tables = Array.from({ length: numTables }, (_, index) => {
    const record = 12 + 16 * index;
    const offset = input.readUInt32BE(record + 8);
    const length = input.readUInt32BE(record + 12);
    if (offset + length > input.length) throw new Error('not an sfnt font: a table lies past the end');
    const data = input.subarray(offset, offset + length);
    const compressed = deflateSync(data, { level: 9 });
    return { tag: input.readUInt32BE(record), checksum: input.readUInt32BE(record + 4), length, stored: compressed.length < length ? compressed : data };
  });
  // The directory is sorted by tag; the table data follows in the same order, each on a 4-byte boundary.
  tables.sort((a, b) => a.tag - b.tag);
  const pad4 = (n: number) => (n + 3) & ~3;
  const headerSize = 44;
  let offset = headerSize + 20 * numTables;
  let totalSfntSize = 12 + 16 * numTables;
  const placed = tables.map((table) => {
    const at = offset;
    offset += pad4(table.stored.length);
    totalSfntSize += pad4(table.length);
    return { ...table, offset: at };
  });
  const woff = Buffer.alloc(offset);
  woff.writeUInt32BE(0x774f4646, 0); // 'wOFF'
  woff.writeUInt32BE(flavor, 4);
  woff.writeUInt32BE(woff.length, 8);
  woff.writeUInt16BE(numTables, 12);
  woff.writeUInt32BE(totalSfntSize, 16);
  // Version, metadata and private block: none (all zero, as Buffer.alloc left them).
  placed.forEach((table, index) => {
    const entry = headerSize + 20 * index;
    woff.writeUInt32BE(table.tag, entry);
    woff.writeUInt32BE(table.offset, entry + 4);
    woff.writeUInt32BE(table.stored.length, entry + 8);
    woff.writeUInt32BE(table.length, entry + 12);
    woff.writeUInt32BE(table.checksum, entry + 16);
    table.stored.copy(woff, table.offset);
  });
  return woff;
}
