import Handlebars from 'handlebars';
import type { Diagnostic } from '../shared/diagnostic.js';
import type { ViewModel } from '../view/build-view-model.js';
import type { Theme } from './theme.js';
import { paragraphsHelper } from './helpers/paragraphs.js';
import { inlineHelper } from './helpers/inline.js';
import { pageOfPagesHelper } from './helpers/page-of-pages.js';
import { eqHelper } from './helpers/eq.js';
import { compileTemplate } from './template-specs.js';

type TemplateName = 'main' | 'pack';
type CompiledTheme = Partial<Record<TemplateName, (context: unknown) => string>>;
const compiledThemes = new WeakMap<Theme, CompiledTheme>();

/**
 * View model → semantic markup through the theme's Handlebars templates. Each theme gets its own
 * isolated Handlebars instance; strict mode turns a misspelt field into an error, not an empty string.
 */
export function renderTemplate(theme: Theme, view: ViewModel): { markup?: string; diagnostics: Diagnostic[] } {
  return renderNamedTemplate(theme, 'main', view);
}

/** The cover and contents of a class pack (`pack.hbs`), with its own context. */
export function renderPackTemplate(theme: Theme, context: object): { markup?: string; diagnostics: Diagnostic[] } {
  return renderNamedTemplate(theme, 'pack', context);
}

function renderNamedTemplate(theme: Theme, name: TemplateName, context: object): { markup?: string; diagnostics: Diagnostic[] } {
  const mainFile = (name === 'pack' ? theme.templateFiles?.pack : theme.templateFiles?.main) || `${theme.directory}/${name === 'pack' ? 'pack.hbs' : 'handout.hbs'}`;
  try {
    const template = (compiledThemes.get(theme) ?? compileTheme(theme))[name];
    if (!template) throw new Error(`the theme has no ${name === 'pack' ? 'pack.hbs' : 'handout.hbs'}`);
    return { markup: template({ ...context, theme: { name: theme.name, numberSections: theme.tokens.numberSections === true } }), diagnostics: [] };
  } catch (error) {
    return { diagnostics: [templateDiagnostic(error, (error as Partial<TemplateError>).templateFile ?? mainFile)] };
  }
}

/** An error thrown while a template ran, marked with the file of the innermost template it came from. */
interface TemplateError extends Error {
  templateFile?: string;
}

/**
 * Partials may include partials (a section includes its subsections), but not without end: past this
 * depth a partial is including itself, and the user gets that said instead of a stack overflow.
 */
const maxPartialDepth = 64;

/**
 * Handlebars says `"licence" not defined in [object Object] - 7:51`: the message is reworded, and the
 * place (line:column of the template that ran) becomes the diagnostic's position in that file.
 */
function templateDiagnostic(error: unknown, file: string): Diagnostic {
  const full = (error as Error)?.message ?? String(error);
  const raw = full.split('\n')[0]!;
  const place = / - (\d+):(\d+)$/.exec(raw);
  const text = place ? raw.slice(0, place.index) : raw;
  const field = /^"([^"]+)" not defined in /.exec(text)?.[1];
  const parse = /^Parse error on line (\d+)/.exec(raw);
  const mismatch = /^(\S+) doesn't match (\S+)$/.exec(text);
  const position = place ? { line: Number(place[1]), column: Number(place[2]) + 1 } : parse ? { line: Number(parse[1]), column: 1 } : undefined;
  return {
    severity: 'error',
    code: 'template',
    message: field ? `\`${field}\` is not a field here` : parse ? parseProblem(full) : mismatch ? `\`{{/${mismatch[2]}}}\` closes a \`{{#${mismatch[1]}}}\` block` : text,
    file,
    ...(position ? { position } : {}),
    hint: field
      ? `check its spelling against the fields in README "Restyling: templates and themes" (templates run in strict mode: a misspelt field is an error, not an empty string)`
      : /includes itself/.test(text)
        ? 'make the {{> partial}} call conditional (e.g. inside {{#if}} or {{#each}} over something that ends), or remove it'
        : parse
          ? 'close every {{#block}} with its {{/block}}, and every {{ with }}; README "Restyling: templates and themes" shows the fields'
          : 'check the template syntax and field names against README "Restyling: templates and themes"',
  };
}

/** What the template parser expected, in template words ("Expecting 'OPEN_ENDBLOCK', … got 'EOF'"). */
const tokenWords: Record<string, string> = {
  OPEN_ENDBLOCK: 'a closing `{{/…}}`',
  INVERSE: '`{{else}}`',
  OPEN_INVERSE_CHAIN: '`{{else}}`',
  CLOSE: '`}}`',
  CLOSE_UNESCAPED: '`}}}`',
  CLOSE_RAW_BLOCK: '`}}}}`',
  EOF: 'the end of the file',
  INVALID: 'a character no field name starts with',
};
const valueTokens = new Set(['ID', 'STRING', 'NUMBER', 'BOOLEAN', 'UNDEFINED', 'NULL', 'DATA', 'OPEN_SEXPR']);

function parseProblem(message: string): string {
  const match = /Expecting (.+), got '([^']+)'/.exec(message);
  if (!match) return 'the template does not parse here';
  const expected = [...new Set([...match[1]!.matchAll(/'([^']+)'/g)].map(([, token]) => (valueTokens.has(token!) ? 'a field name or value' : (tokenWords[token!] ?? `\`${token!.toLowerCase()}\``))))];
  const found = tokenWords[match[2]!] ?? `\`${match[2]!.toLowerCase()}\``;
  return `the template does not parse here: expected ${expected.join(' or ')}, found ${found}`;
}

function compileTheme(theme: Theme): CompiledTheme {
  const handlebars = Handlebars.create();
  const safe = (html: string) => new handlebars.SafeString(html);
  handlebars.registerHelper('paragraphs', paragraphsHelper(safe));
  handlebars.registerHelper('inline', inlineHelper(safe));
  handlebars.registerHelper('page-of-pages', pageOfPagesHelper(safe));
  handlebars.registerHelper('eq', eqHelper());
  let depth = 0;
  for (const [name, source] of Object.entries(theme.templates.partials)) {
    const file = theme.templateFiles?.partials[name] ?? `${theme.directory}/partials/${name}.hbs`;
    const compiled = compileTemplate(handlebars, source);
    // A partial as a function: errors from inside it are marked with its file, and its depth is counted.
    handlebars.registerPartial(name, ((context: unknown, runtimeOptions: unknown) => {
      if (depth >= maxPartialDepth) {
        // Reported at the partial's own `{{> name}}` when it has one (the usual loop), as Handlebars places errors.
        const call = new RegExp(`\\{\\{~?#?>\\s*${name.replace(/[^\w-]/g, '')}\\b`).exec(source);
        const place = call ? ` - ${source.slice(0, call.index).split('\n').length}:${call.index - (source.lastIndexOf('\n', call.index - 1) + 1)}` : '';
        throw Object.assign(new Error(`the partial \`${name}\` includes itself without end (${maxPartialDepth} partials deep)${place}`), { templateFile: file });
      }
      depth++;
      try {
        return compiled(context, runtimeOptions as Parameters<typeof compiled>[1]);
      } catch (error) {
        if (error instanceof Error && (error as TemplateError).templateFile === undefined) (error as TemplateError).templateFile = file;
        throw error;
      } finally {
        depth--;
      }
    }) as unknown as Handlebars.Template);
  }
  // Prototype access stays off (Handlebars' default): templates see only the context's own fields.
  const compiled: CompiledTheme = { main: compileTemplate(handlebars, theme.templates.main) };
  if (theme.templates.pack !== undefined) compiled.pack = compileTemplate(handlebars, theme.templates.pack);
  compiledThemes.set(theme, compiled);
  return compiled;
}
