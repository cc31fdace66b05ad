import { z } from 'zod';

/**
 * The output folder's manifest (`.handout-manifest.json`), written by the build and read back by the
 * next one. It is only a cache, but it lives in a folder anyone can write to: every entry is checked
 * against this schema before it is trusted, and an entry that fails is ignored (its handout is built
 * again), never followed.
 */

/** An output's name inside the output folder: a plain file name, no folder part, nothing hidden. */
const outputFileName = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[^\\/.][^\\/]*$/, { message: 'expected a file name inside the output folder' });

export const manifestOutputSchema = z.strictObject({
  format: z.enum(['pdf', 'html']),
  file: outputFileName,
  bytes: z.number().int().nonnegative(),
  /** sha256 of the file as written: "unchanged" needs the file still to be exactly this. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  pages: z.number().int().positive().optional(),
});

export const manifestEntrySchema = z.strictObject({
  /** The dataset that made these outputs, relative to the output folder: it owns the slug there. */
  dataset: z.string().min(1).max(4096),
  /** Hash of everything the outputs were made from (dataset, theme, fonts, options, code). */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  outputs: z.array(manifestOutputSchema).min(1).max(2),
});

/** The file as a whole; entries are checked one by one (`manifestEntrySchema`) so one bad entry costs only itself. */
export const manifestFileSchema = z.object({
  version: z.literal(2),
  handouts: z.record(z.string(), z.unknown()),
});

export type ManifestOutput = z.infer<typeof manifestOutputSchema>;
export type ManifestEntry = z.infer<typeof manifestEntrySchema>;

/** The published JSON Schema of a manifest entry, generated from the zod schema (`npm run schema`). */
export function manifestJsonSchemaText(): string {
  const schema = z.object({ version: z.literal(2), handouts: z.record(z.string(), manifestEntrySchema) });
  return `${JSON.stringify(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'throw' }), null, 2)}\n`;
}
