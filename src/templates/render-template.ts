import Handlebars from 'handlebars';
import type { Diagnostic } from '../shared/diagnostic.js';
import type { ViewModel } from '../view/build-view-model.js';
import type { Theme } from './theme.js';
import { paragraphsHelper } from './helpers/paragraphs.js';
import { inlineHelper } from './helpers/inline.js';
import { pageOfPagesHelper } from './helpers/page-of-pages.js';
import { eqHelper } from './helpers/eq.js';

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
  try {
    const template = (compiledThemes.get(theme) ?? compileTheme(theme))[name];
    if (!template) throw new Error(`the theme has no ${name === 'pack' ? 'pack.hbs' : 'handout.hbs'}`);
    return { markup: template({ ...context, theme: { name: theme.name, numberSections: theme.tokens.numberSections === true } }), diagnostics: [] };
  } catch (error) {
    return {
      diagnostics: [
        {
          severity: 'error',
          code: 'template',
          message: (error as Error).message.split('\n')[0] ?? 'template error',
          file: theme.directory,
          hint: 'check the field names used in the theme templates against README "Templates"',
        },
      ],
    };
  }
}

function compileTheme(theme: Theme): CompiledTheme {
  const handlebars = Handlebars.create();
  const safe = (html: string) => new handlebars.SafeString(html);
  handlebars.registerHelper('paragraphs', paragraphsHelper(safe));
  handlebars.registerHelper('inline', inlineHelper(safe));
  handlebars.registerHelper('page-of-pages', pageOfPagesHelper(safe));
  handlebars.registerHelper('eq', eqHelper());
  const options = { strict: true, assumeObjects: true, knownHelpersOnly: false, preventIndent: true } as const;
  for (const [name, source] of Object.entries(theme.templates.partials)) {
    handlebars.registerPartial(name, handlebars.compile(source, options));
  }
  // Prototype access stays off (Handlebars' default): templates see only the context's own fields.
  const compiled: CompiledTheme = { main: handlebars.compile(theme.templates.main, options) };
  if (theme.templates.pack !== undefined) compiled.pack = handlebars.compile(theme.templates.pack, options);
  compiledThemes.set(theme, compiled);
  return compiled;
}
