import { limits, subjectIdPattern, type Section } from './dataset-schema.js';
import { shorten, suggest, type FieldPath, type Report } from './wording.js';

/**
 * Rules a schema cannot express, checked on the parsed data whatever its shape: subject ids are
 * unique and every row, `given` list, Venn region and section names only subjects that exist; every
 * row has a cell per subject; the table has at most `limits.cells` cells; sections nest at most
 * `limits.sectionDepth` levels.
 */
export function checkCrossFieldRules(data: Record<string, unknown>, report: Report): void {
  checkSectionDepth(data.sections, ['sections'], 1, report);
  reportCrossFieldProblems(data, report);
}

/** Nested `sections` deeper than `limits.sectionDepth`: reported once, where the first level too many starts. */
function checkSectionDepth(sections: unknown, path: FieldPath, level: number, report: Report): void {
  if (!Array.isArray(sections)) return;
  if (level > limits.sectionDepth) {
    report(path, 'too-deep', `sections are nested ${level - 1 + sectionLevels(sections)} levels deep here; at most ${limits.sectionDepth} levels are allowed`, {
      hint: `move the deeper sections up a level, or merge them into their parent's \`body\` (headings stop getting smaller after level ${limits.sectionDepth})`,
    });
    return;
  }
  sections.forEach((section: unknown, index) => {
    if (section && typeof section === 'object') checkSectionDepth((section as { sections?: unknown }).sections, [...path, index, 'sections'], level + 1, report);
  });
}

/** Levels of nesting in a list of sections (1: sections without subsections). */
function sectionLevels(sections: readonly unknown[]): number {
  let deepest = 0;
  let level: unknown[] = [...sections];
  while (level.length > 0) {
    deepest++;
    level = level.flatMap((section) => {
      const children = section && typeof section === 'object' ? (section as { sections?: unknown }).sections : undefined;
      return Array.isArray(children) ? children : [];
    });
  }
  return deepest;
}

function reportCrossFieldProblems(data: Record<string, unknown>, report: Report): void {
  const subjects = Array.isArray(data.subjects) ? data.subjects : [];
  const ids: string[] = [];
  subjects.forEach((subject, index) => {
    const id = (subject as { id?: unknown } | null)?.id;
    if (typeof id !== 'string') return;
    if (ids.includes(id)) {
      report(['subjects', index, 'id'], 'duplicate-subject', `subject id \`${shorten(id)}\` is used twice`, {
        hint: 'every subject needs its own id; attribute values are matched to subjects by it',
      });
    }
    if (!ids.includes(id)) ids.push(id);
  });
  if (ids.length === 0) return;
  // A subject id the schema already refuses (`Metamorphic_`): a reference that means it is no second
  // problem, and "did you mean `Metamorphic_`?" would spread the bad id. Fixing the id fixes both.
  const malformed = new Set(ids.filter((id) => !subjectIdPattern.test(id)));
  const meansMalformed = (key: string) => {
    const close = malformed.size > 0 ? suggest(key, ids) : undefined;
    return close !== undefined && malformed.has(close);
  };

  const attributes = Array.isArray(data.attributes) ? data.attributes : [];
  const cells = attributes.length * ids.length;
  if (cells > limits.cells && attributes.length <= limits.attributes) {
    report(['attributes'], 'too-many', `a comparison table has at most ${limits.cells.toLocaleString('en')} cells (rows × subjects); this one has ${attributes.length.toLocaleString('en')} rows × ${ids.length} subjects = ${cells.toLocaleString('en')}`, {
      hint: 'split the table over several datasets (one handout each), or compare fewer subjects',
    });
  }
  attributes.forEach((attribute, row) => {
    const values = (attribute as { values?: unknown } | null)?.values;
    if (!values || typeof values !== 'object' || Array.isArray(values)) return;
    const name = (attribute as { name?: unknown }).name;
    const rowName = typeof name === 'string' ? `row “${shorten(name)}”` : `row ${row + 1}`;
    // A misspelled id (`sepssis`) is reported once, as the unknown key, not again as a missing cell.
    const misspelledIds = new Set<string>();
    for (const key of Object.keys(values)) {
      if (!ids.includes(key)) {
        const suggestion = suggest(key, ids);
        if (suggestion && malformed.has(suggestion)) {
          misspelledIds.add(suggestion);
          continue;
        }
        if (suggestion && !Object.prototype.hasOwnProperty.call(values, suggestion)) misspelledIds.add(suggestion);
        report(['attributes', row, 'values', key], 'unknown-subject', `${rowName} has a value for \`${shorten(key)}\`, which is not a subject id`, {
          expected: `one of ${ids.map((id) => `\`${id}\``).join(', ')}`,
          hint: suggestion ? `did you mean \`${suggestion}\`?` : 'add the subject to `subjects`, or fix the key',
        }, true);
      }
    }
    for (const id of ids) {
      if (!Object.prototype.hasOwnProperty.call(values, id) && !misspelledIds.has(id)) {
        report(['attributes', row, 'values'], 'missing-cell', `${rowName} has no value for subject \`${id}\``, {
          expected: `a value for every subject: ${ids.map((s) => `\`${s}\``).join(', ')}`,
          hint: `add \`${id}: …\` under \`values\` (write "—" or "not applicable" if there is nothing to say)`,
        });
      }
    }
  });

  attributes.forEach((attribute, row) => {
    const given = (attribute as { given?: unknown } | null)?.given;
    if (!Array.isArray(given)) return;
    given.forEach((id, index) => {
      if (typeof id === 'string' && !ids.includes(id) && !meansMalformed(id)) {
        const suggestion = suggest(id, ids);
        report(['attributes', row, 'given', index], 'unknown-subject', `\`given\` names \`${shorten(id)}\`, which is not a subject id`, {
          expected: `one of ${ids.map((s) => `\`${s}\``).join(', ')}`,
          hint: suggestion ? `did you mean \`${suggestion}\`?` : 'list subject ids whose cells stay filled in on the worksheet',
        });
      }
    });
  });

  const venn = data.venn as { unique?: unknown; shared?: unknown } | undefined;
  if (venn && typeof venn === 'object') {
    if (ids.length > 3) {
      report(['venn'], 'venn-subjects', `a Venn diagram is drawn for 2 or 3 subjects; this dataset has ${ids.length}`, { hint: 'remove `venn`, or compare fewer subjects' });
    }
    const unique = venn.unique;
    if (unique && typeof unique === 'object' && !Array.isArray(unique)) {
      for (const key of Object.keys(unique)) {
        if (!ids.includes(key) && !meansMalformed(key)) {
          const suggestion = suggest(key, ids);
          report(['venn', 'unique', key], 'unknown-subject', `Venn points for \`${shorten(key)}\`, which is not a subject id`, {
            expected: `one of ${ids.map((s) => `\`${s}\``).join(', ')}`,
            hint: suggestion ? `did you mean \`${suggestion}\`?` : 'key the points by subject id',
          }, true);
        }
      }
    }
    const pairs = venn.shared && typeof venn.shared === 'object' && !Array.isArray(venn.shared) ? (venn.shared as { pairs?: unknown }).pairs : undefined;
    if (Array.isArray(pairs)) {
      if (pairs.length > 0 && ids.length !== 3) {
        report(['venn', 'shared', 'pairs'], 'venn-subjects', `points shared by a pair of subjects need three subjects; this dataset has ${ids.length}`, { hint: 'with two subjects, list shared points under `all`' });
      }
      const seen = new Set<string>();
      pairs.forEach((pair: { subjects?: unknown } | null, index) => {
        const subjects = pair && typeof pair === 'object' && Array.isArray(pair.subjects) ? pair.subjects : undefined;
        if (!subjects) return;
        subjects.forEach((id: unknown, position) => {
          if (typeof id !== 'string' || ids.includes(id) || meansMalformed(id)) return;
          const suggestion = suggest(id, ids);
          report(['venn', 'shared', 'pairs', index, 'subjects', position], 'unknown-subject', `Venn pair names \`${shorten(id)}\`, which is not a subject id`, {
            expected: `one of ${ids.map((s) => `\`${s}\``).join(', ')}`,
            hint: suggestion ? `did you mean \`${suggestion}\`?` : 'name two subject ids',
          });
        });
        if (subjects[0] === subjects[1]) {
          report(['venn', 'shared', 'pairs', index, 'subjects'], 'venn-pair', 'a Venn pair names the same subject twice', { hint: 'name two different subjects, e.g. `[bacteria, fungi]`' });
        }
        const key = [...subjects].map(String).sort().join('+');
        if (seen.has(key)) report(['venn', 'shared', 'pairs', index, 'subjects'], 'venn-pair', `the pair ${key.replace('+', ' + ')} is listed twice`, { hint: 'put all points of one pair in one entry' });
        seen.add(key);
      });
    }
  }

  const checkSections = (sections: unknown, path: FieldPath) => {
    if (!Array.isArray(sections)) return;
    sections.forEach((section: Section | null, index) => {
      if (!section || typeof section !== 'object') return;
      if (typeof section.subject === 'string' && !ids.includes(section.subject) && !meansMalformed(section.subject)) {
        const suggestion = suggest(section.subject, ids);
        report([...path, index, 'subject'], 'unknown-subject', `section subject \`${shorten(section.subject)}\` is not a subject id`, {
          expected: `one of ${ids.map((id) => `\`${id}\``).join(', ')}`,
          hint: suggestion ? `did you mean \`${suggestion}\`?` : 'use the `id` of one of the subjects',
        });
      }
      checkSections(section.sections, [...path, index, 'sections']);
    });
  };
  checkSections(data.sections, ['sections']);
}
