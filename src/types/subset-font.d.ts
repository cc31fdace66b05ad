/** subset-font ships no types: the one call the HTML writer's font embedding makes. */
declare module 'subset-font' {
  export interface SubsetFontOptions {
    keepFeatures?: string[];
    targetFormat?: 'sfnt' | 'woff' | 'woff2' | 'truetype';
    preserveNameIds?: number[];
    variationAxes?: Record<string, number | { min: number; max: number; default?: number }>;
    noLayoutClosure?: boolean;
  }
  export default function subsetFont(buffer: Buffer | Uint8Array, text: string, options?: SubsetFontOptions): Promise<Buffer>;
}
