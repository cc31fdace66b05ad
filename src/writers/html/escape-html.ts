/**
 * Escaping for text and attribute values. Every character that can end a text run or an attribute
 * value (`& < > " '`) is replaced, so dataset text such as `<script>` always comes out as literal text.
 * Control characters that HTML forbids are dropped.
 */
const replacements: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

// C0 controls except tab, line feed and carriage return; DEL and the C1 controls.
// eslint-disable-next-line no-control-regex
const forbiddenControls = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

export function escapeHtml(value: string): string {
  return value.replace(forbiddenControls, '').replace(/[&<>"']/g, (character) => replacements[character] ?? character);
}

/** ` name="value"`, escaped; nothing for an absent value. */
export function attribute(name: string, value: string | undefined): string {
  return value === undefined ? '' : ` ${name}="${escapeHtml(value)}"`;
}

/** ` class="a b"`, or nothing when there are no classes. */
export function classAttribute(classes: readonly string[]): string {
  return classes.length > 0 ? attribute('class', classes.join(' ')) : '';
}
