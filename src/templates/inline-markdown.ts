import MarkdownIt from 'markdown-it';

/**
 * Dataset text → inline markup. Only emphasis, strong, links, code spans and backslash escapes are
 * enabled; raw HTML is never interpreted (markdown-it escapes it), and links must be http(s) or mailto.
 */
const markdown = new MarkdownIt('zero', { html: false, linkify: false, typographer: false, breaks: false });
markdown.enable(['emphasis', 'link', 'escape', 'backticks', 'entity', 'newline']);
markdown.validateLink = (url: string) => isAllowedLinkTarget(url);

export function isAllowedLinkTarget(url: string): boolean {
  return /^(https?:\/\/|mailto:)/i.test(url.trim());
}

export function renderInlineMarkdown(text: string): string {
  return markdown.renderInline(text.trim());
}

/** Paragraphs are separated by one or more blank lines; single newlines inside one are spaces. */
export function splitParagraphs(text: string): string[] {
  return text
    .replace(/\r\n?/g, '\n')
    .split(/\n[ \t]*\n/)
    // One pass over each whitespace run: `/\s*\n\s*/` retries every start inside a long run of
    // spaces without a newline, quadratic in its length.
    .map((paragraph) => paragraph.replace(/\s+/g, (run) => (run.includes('\n') ? ' ' : run)).trim())
    .filter((paragraph) => paragraph.length > 0);
}
