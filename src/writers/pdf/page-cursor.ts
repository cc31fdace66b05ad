import type { Line } from './break-lines.js';
import type { BoxDecoration } from './flow.js';
import { newPage, recordLastPages, type Page, type PlacedText, type StructNode } from './page-model.js';
import type { PageFrame } from './paginate.js';

/** A decorated box open on the current page: where its piece on this page starts, and whether it continues one from an earlier page. */
interface OpenBox {
  box: BoxDecoration;
  startY: number;
  continued: boolean;
}

/**
 * The page being filled and where on it the next content goes: the one piece of state every placing
 * step shares. It owns the page break (open boxes are drawn to the page bottom and resume at the next
 * page's top) and hands each completed page on, so no page is kept here once it is done.
 */
export class PageCursor {
  readonly top: number;
  /** The lowest y content may reach. */
  readonly bottom: number;
  /** Height available for content on every page. */
  readonly pageBody: number;
  /** The last page with content of each structure element that owns content itself. */
  readonly lastPages = new Map<StructNode, number>();
  page: Page = newPage();
  pageCount = 1;
  /** Where the next content starts on the current page. */
  y: number;
  /** Vertical space owed after the last block, collapsed with the next block's space before it. */
  pending = 0;
  /** Where the content placed on the current page ends (spacing owed after it is not content). */
  contentEnd: number;
  private readonly openBoxes: OpenBox[] = [];
  private readonly onPage: ((page: Page, index: number) => void) | undefined;
  private readonly recordLastPages: boolean;

  /**
   * `recordLastPages: false`: a run whose plan is already made (the final one) need not note them
   * again, one map entry per table cell.
   */
  constructor(frame: PageFrame, onPage?: (page: Page, index: number) => void, options: { recordLastPages?: boolean } = {}) {
    this.top = frame.margin.top;
    this.bottom = frame.height - frame.margin.bottom;
    this.pageBody = this.bottom - this.top;
    this.y = this.top;
    this.contentEnd = this.top;
    this.onPage = onPage;
    this.recordLastPages = options.recordLastPages ?? true;
  }

  atPageTop(): boolean {
    return this.y <= this.top + 0.01;
  }

  /** Hands the current page on (if anyone asked for pages) after noting which elements end on it. */
  completePage(): void {
    if (this.recordLastPages) recordLastPages(this.page, this.pageCount - 1, this.lastPages);
    this.onPage?.(this.page, this.pageCount - 1);
  }

  /** Ends the current page and starts the next; open boxes are drawn down to here and continue there. */
  breakPage(): void {
    for (const open of this.openBoxes) {
      this.drawBox(open.box, open.startY, this.y, { top: !open.continued, bottom: false });
      open.startY = this.top;
      open.continued = true;
    }
    this.completePage();
    this.page = newPage();
    this.pageCount++;
    this.y = this.top;
    this.contentEnd = this.top;
    this.pending = 0;
  }

  /** Apply collapsed vertical space before content, except at the top of a page. */
  settle(spaceBefore: number): void {
    const space = Math.max(this.pending, spaceBefore);
    if (!this.atPageTop()) this.y += space;
    this.pending = 0;
    if (this.y > this.bottom) this.breakPage();
  }

  /** Starts a decorated box here: its background and borders are drawn when it closes or the page breaks. */
  openBox(box: BoxDecoration): void {
    this.settle(0);
    this.openBoxes.push({ box, startY: this.y, continued: false });
    this.y += box.paddingTop;
  }

  /** Ends the innermost decorated box (its bottom padding included) and draws its piece on this page. */
  closeBox(box: BoxDecoration, spaceAfter: number): void {
    const open = this.openBoxes.pop();
    this.y += box.paddingBottom;
    if (open) this.drawBox(open.box, open.startY, Math.min(this.y, this.bottom), { top: !open.continued, bottom: true });
    this.pending = spaceAfter;
  }

  /** Places one line of text (with its links and writing rules) at `x`, at the cursor, and moves below it. */
  placeLine(line: Line, x: number, owner: StructNode | 'layout' | 'pagination'): void {
    const page = this.page;
    const y = this.y;
    for (const fragment of line.fragments) {
      // Link text belongs to its Link element, except in artifacts (a repeated table header).
      const textOwner = fragment.artifact ? 'layout' : typeof owner === 'object' && fragment.owner ? fragment.owner : owner;
      const text: PlacedText = { x: x + fragment.x, y: y + line.baseline, text: fragment.text, width: fragment.width, font: fragment.font, size: fragment.size, color: fragment.color, owner: textOwner };
      page.texts.push(text);
      if (fragment.link) {
        // Artifacts (a repeated header row) get no annotation: PDF/UA wants every link tagged, and the
        // same link is clickable in the tagged original.
        if (typeof textOwner === 'object') page.links.push({ x: text.x, y, width: fragment.width, height: line.height, href: fragment.link, owner: textOwner });
        const underline = text.y + fragment.size * 0.14;
        page.overlays.push({ kind: 'rule', x1: text.x, y1: underline, x2: text.x + fragment.width, y2: underline, lineWidth: Math.max(0.4, fragment.size * 0.05), color: fragment.color });
      }
    }
    for (const rule of line.rules ?? []) {
      const ruleY = y + line.baseline + 2.5;
      page.decorations.push({ kind: 'rule', x1: x + rule.x1, y1: ruleY, x2: x + rule.x2, y2: ruleY, lineWidth: 0.6, color: rule.color, ...(rule.blank ? { blank: rule.blank } : {}) });
    }
    this.y = y + line.height;
  }

  /** A box's piece from `from` to `to` on the current page; top and bottom borders only where the box really starts or ends. */
  private drawBox(box: BoxDecoration, from: number, to: number, closed: { top: boolean; bottom: boolean }): void {
    if (to - from <= 0.01) return;
    const decorations = this.page.decorations;
    if (box.background) decorations.push({ kind: 'rect', x: box.x, y: from, width: box.width, height: to - from, fill: box.background });
    if (box.borderLeft) decorations.push({ kind: 'rect', x: box.x, y: from, width: box.borderLeft.width, height: to - from, fill: box.borderLeft.color });
    if (box.borderTop && closed.top) decorations.push({ kind: 'rule', x1: box.x, y1: from + box.borderTop.width / 2, x2: box.x + box.width, y2: from + box.borderTop.width / 2, lineWidth: box.borderTop.width, color: box.borderTop.color });
    if (box.borderBottom && closed.bottom) decorations.push({ kind: 'rule', x1: box.x, y1: to - box.borderBottom.width / 2, x2: box.x + box.width, y2: to - box.borderBottom.width / 2, lineWidth: box.borderBottom.width, color: box.borderBottom.color });
  }
}
