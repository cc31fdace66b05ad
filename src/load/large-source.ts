/**
 * From this length (in characters) on, a dataset's text is first read without the parser's syntax
 * tree: a tree of every value with its source range is many times the size of the text (some
 * seventy times for YAML), hundreds of megabytes for a dataset near the size limit. Below it the
 * tree costs at most a few tens of megabytes, and every file keeps the one reading it has always
 * had. Source positions come from a second, tree-building parse, made only when a problem must be
 * placed.
 */
export const largeSourceLength = 1024 * 1024;
