/**
 * The most ruled lines one writing space of the markup asks for (`data-writing-lines`). A longer
 * model answer still gets its room: the PDF writer counts the lines it needs from the answer's length
 * (`data-answer-length`) and carries them over to the next page.
 */
export const maxWritingLines = 40;
