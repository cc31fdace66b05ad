import { createHash } from 'node:crypto';
import Handlebars from 'handlebars';
import builtInTemplateSpecs from './built-in-template-specs.js';

/**
 * How every theme template is compiled: strict mode turns a misspelt field into an error, not an empty
 * string. The templates the package ships are compiled with these options when the package is built.
 */
export const templateCompileOptions = Object.freeze({ strict: true, assumeObjects: true, knownHelpersOnly: false, preventIndent: true } as const);

/** A copy for each call: Handlebars writes its defaults into the options object it is given. */
export function compileOptions(): CompileOptions {
  return { ...templateCompileOptions };
}
type CompileOptions = NonNullable<Parameters<typeof Handlebars.compile>[1]>;

export type TemplateSpecs = Readonly<Record<string, TemplateSpecification>>;
type TemplateSpecification = Parameters<typeof Handlebars.template>[0];

/** A template source's key among the precompiled specs: the source with the options and the Handlebars version that compile it. */
export function templateSpecKey(source: string): string {
  return createHash('sha256').update(`${Handlebars.VERSION}\0${JSON.stringify(templateCompileOptions)}\0${source}`).digest('hex');
}

/**
 * A template of a theme, ready to run. The templates of the built-in themes were compiled when the
 * package was built (built-in-template-specs.js): compiling them at every start took a tenth of a cold
 * build. Any other source (a course's own theme, an edited copy) is compiled here, on first use.
 */
export function compileTemplate(handlebars: typeof Handlebars, source: string, specs: TemplateSpecs = builtInTemplateSpecs): Handlebars.TemplateDelegate {
  const spec = specs[templateSpecKey(source)];
  return spec ? handlebars.template(spec) : handlebars.compile(source, compileOptions());
}
