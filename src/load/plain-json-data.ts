/**
 * The data of a valid JSON dataset without repeated keys, read by `JSON.parse`, which builds the
 * data and nothing else; undefined for any other text, which the caller then reads with the
 * tree-building parser (jsonc-parser) that words every problem.
 *
 * The data is that the tree path builds (`jsonValue`): `JSON.parse` accepts only RFC 8259 JSON,
 * which jsonc-parser (comments and trailing commas refused) reads without a problem, and it makes
 * own properties in source order, an own `__proto__` too. What it does not do is refuse a repeated
 * key (it keeps the last value): counted here instead, as the members found in the data against the
 * `:`s outside strings, one per member in valid JSON.
 */
export function plainJsonData(text: string): { data: unknown } | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  return membersIn(data) === membersWritten(text) ? { data } : undefined;
}

/** Object members in parsed data (a repeated key counts once). */
function membersIn(data: unknown): number {
  let count = 0;
  const stack: unknown[] = [data];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === null || typeof item !== 'object') continue;
    const children = Array.isArray(item) ? item : Object.values(item);
    if (!Array.isArray(item)) count += children.length;
    for (const child of children) if (child !== null && typeof child === 'object') stack.push(child);
  }
  return count;
}

/** `:` outside strings in valid JSON text: its object members, repeated keys included. */
function membersWritten(text: string): number {
  let count = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 92 /* \ */) index++;
      else if (char === 34 /* " */) inString = false;
    } else if (char === 34) inString = true;
    else if (char === 58 /* : */) count++;
  }
  return count;
}
