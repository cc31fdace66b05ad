import { EVENT_ID, NOT_RESOLVED, SCALAR_STYLE, Schema as EventSchema, constructFromEvents, defineMappingTag, defineScalarTag, parseEvents, seqTag, strTag, type Event } from 'js-yaml';
import { Document, isScalar, type ScalarTag } from 'yaml';
import { maxNestingDepth } from './nesting.js';

/**
 * The data of a plain YAML dataset, read without the `yaml` library's node tree.
 *
 * That tree (every scalar, pair and collection with its source range, built from a concrete syntax
 * tree that is whole at the same time) is about seventy times the size of the text: a 9 MB dataset
 * took some 650 MB of heap to parse. js-yaml's event parser reads the same text into a flat list of
 * events (offsets into the text) and builds the plain data from it, in under a third of that heap
 * and a sixth of the time.
 *
 * Two parsers must never give two answers, so this reader answers only for a subset of YAML where
 * both are known to agree, and returns undefined for anything else: the caller then reads the text
 * with the `yaml` library as before, which also words every problem. Outside the subset:
 * - anything js-yaml refuses (syntax errors, repeated keys, nesting deeper than `maxNestingDepth`);
 * - anything but one document holding a mapping, directives (`%YAML 1.1` would change the schema), a `...` end;
 * - tags, anchors and aliases (tags resolve differently; aliases are counted against bombs);
 * - text glued to a closing quote;
 * - keys that are not a short one-line text, number or boolean (`~:` is the key "" to one library and
 *   "null" to the other; the `yaml` library refuses implicit keys longer than 1024 characters);
 * - text the two are known to take differently (`outsideSubsetText`).
 * Plain scalars are resolved by the `yaml` library's own core-schema tags, in its order, so `0x1F`,
 * `.5`, `1e3`, `~` or `True` become exactly what they always became. tests/datasets/plain-yaml-data.test.ts
 * checks the two readers give the same data for every fixture and for generated documents.
 */
export function plainYamlData(text: string): { data: unknown } | undefined {
  if (outsideSubsetText(text)) return undefined;
  let events: Event[];
  try {
    events = parseEvents(text, { maxDepth: eventDepthLimit });
  } catch {
    return undefined;
  }
  if (!withinSubset(events, text)) return undefined;
  let documents: unknown[];
  try {
    documents = constructFromEvents(events, { source: text, schema: eventSchema });
  } catch {
    return undefined;
  }
  return documents.length === 1 ? { data: documents[0] } : undefined;
}

/**
 * js-yaml's nesting limit. It counts one level more than the `yaml` path does (where the file's
 * top-level mapping is level 1), so it lets through one level less than `maxNestingDepth`: the
 * deepest files fall back, and are accepted or refused there as before.
 */
const eventDepthLimit = maxNestingDepth;

/** Options of the `yaml` library's dataset parse: its schema and scalar resolution are taken from here. */
export const yamlParseOptions = { uniqueKeys: true, prettyErrors: false, strict: true } as const;

const NO_RANGE = -1;

/**
 * Characters and lines the two readers are known to take differently: tabs, a carriage return
 * without a line feed, U+0085, U+2028, U+2029 and U+FEFF; a line of spaces only (inside a block
 * scalar, one keeps a space of it that the other drops); a block scalar's explicit indentation
 * (`|2`: at the top level the two count it from different columns); and `---` or `...` at the start of any line
 * but a `---` opening the file, after comments at most (one takes an indented `---` or a `...` followed by text as a
 * document marker, the other as text).
 */
function outsideSubsetText(text: string): boolean {
  if (/[\t\u0085\u2028\u2029\uFEFF]|\r(?!\n)|^ +\r?$/m.test(text)) return true;
  if (/[|>](?:[1-9][+-]?|[+-][1-9])[ ]*(?:#.*)?\r?$/m.test(text)) return true;
  for (const marker of text.matchAll(/^ *(?:---|\.\.\.)/gm)) {
    const opening = marker[0] === '---' && /^(?:[ ]*(?:#.*)?\r?\n)*$/.test(text.slice(0, marker.index));
    if (!opening) return true;
  }
  return false;
}

function withinSubset(events: readonly Event[], text: string): boolean {
  let documents = 0;
  // For each open collection: is it a mapping, and is its next scalar a key?
  const open: { mapping: boolean; atKey: boolean }[] = [];
  for (const event of events) {
    const parent = open.at(-1);
    const isKey = parent !== undefined && parent.mapping && parent.atKey;
    switch (event.type) {
      case EVENT_ID.DOCUMENT:
        documents++;
        if (event.directives.length > 0 || event.explicitEnd) return false;
        continue;
      case EVENT_ID.ALIAS:
        return false;
      case EVENT_ID.SCALAR:
        if (!parent) return false;
        if (event.tagStart !== NO_RANGE || event.anchorStart !== NO_RANGE) return false;
        // Text glued to a closing quote (`"q"ab: `) is an error to the `yaml` library; js-yaml reads on.
        if ((event.style === SCALAR_STYLE.SINGLE_QUOTED || event.style === SCALAR_STYLE.DOUBLE_QUOTED) && !/^[ \r\n:,\]}]?$/.test(text.charAt(event.valueEnd + 1))) return false;
        if (isKey && event.valueStart !== NO_RANGE && (event.valueEnd - event.valueStart > maxKeyLength || text.lastIndexOf('\n', event.valueEnd - 1) >= event.valueStart)) return false;
        break;
      case EVENT_ID.SEQUENCE:
      case EVENT_ID.MAPPING:
        if (event.tagStart !== NO_RANGE || event.anchorStart !== NO_RANGE || isKey) return false;
        // A dataset is one mapping; anything else is refused on the `yaml` path, with its positions.
        if (!parent && event.type !== EVENT_ID.MAPPING) return false;
        if (parent) parent.atKey = !parent.atKey;
        open.push({ mapping: event.type === EVENT_ID.MAPPING, atKey: true });
        continue;
      case EVENT_ID.POP:
        open.pop();
        continue;
    }
    if (parent) parent.atKey = !parent.atKey;
  }
  return documents === 1;
}

/** Shorter than the `yaml` library's limit for an implicit key (1024 characters), with room for quotes. */
const maxKeyLength = 1000;

/** Raised inside scalar resolution when the `yaml` library would have reported a problem. */
class Unresolved extends Error {}

/** The `yaml` library's core schema, as its dataset parse configures it. */
const yamlDocument = new Document(null, yamlParseOptions);
const coreTags = yamlDocument.schema.tags.filter((tag): tag is ScalarTag & { test: RegExp } => tag.default === true && 'test' in tag && tag.test instanceof RegExp);

/**
 * One implicit tag that resolves a plain scalar as the `yaml` library does: the first core tag whose
 * test matches, its `resolve` with the parse's options; no match leaves the text a string.
 */
const coreScalarTag = defineScalarTag('tag:yaml.org,2002:core-plain-scalar', {
  implicit: true,
  resolve: (source) => {
    const tag = coreTags.find((candidate) => candidate.test.test(source));
    if (!tag) return NOT_RESOLVED;
    const resolved = tag.resolve(
      source,
      (message) => {
        throw new Unresolved(message);
      },
      yamlDocument.options,
    );
    return isScalar(resolved) ? resolved.value : resolved;
  },
  identify: () => false,
});

/**
 * Mappings become plain objects as the `yaml` library's `toJS` builds them: keys are text (numbers
 * and booleans as `String` gives them), a key the object inherits (`__proto__`, `toString`) becomes
 * an own property without touching the prototype. Any other key, or one repeated, is refused.
 */
const plainMapTag = defineMappingTag('tag:yaml.org,2002:map', {
  create: (): Record<string, unknown> => ({}),
  addPair: (object, key, value) => {
    if (typeof key !== 'string' && typeof key !== 'number' && typeof key !== 'boolean') return 'a key must be text, a number or a boolean';
    const name = String(key);
    if (name in object) Object.defineProperty(object, name, { value, writable: true, enumerable: true, configurable: true });
    else object[name] = value;
    return '';
  },
  has: (object, key) => Object.hasOwn(object, String(key)),
  keys: (object) => Object.keys(object),
  get: (object, key) => object[String(key)],
  identify: () => false,
});

const eventSchema = new EventSchema([strTag, seqTag, plainMapTag, coreScalarTag]);
