import type Handlebars from 'handlebars';

export type SafeStringFactory = (html: string) => Handlebars.SafeString;

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&${({ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' } as Record<string, string>)[char]};`);
}

/** Hash arguments (`class="lead"`) as an escaped attribute string. */
export function attributesFromHash(hash: Record<string, unknown>): string {
  return Object.entries(hash)
    .filter(([, value]) => value !== undefined && value !== null && value !== false)
    .map(([name, value]) => ` ${name.replace(/[^a-z-]/gi, '')}="${escapeHtml(String(value))}"`)
    .join('');
}
