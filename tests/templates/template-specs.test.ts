// The built-in themes' templates are compiled when the package is built: the committed specs must be
// those of today's templates, a built-in template must never be compiled again at run time, and any
// other source must still be compiled (and so still report its syntax errors).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Handlebars from 'handlebars';
import { describe, expect, it, vi } from 'vitest';
import { listThemes, loadTheme, templatesDirectory } from '../../src/templates/load-theme.js';
import { builtInTemplateSpecsText } from '../../src/templates/derive-template-specs.js';
import { compileTemplate } from '../../src/templates/template-specs.js';
import { fromRoot } from '../support/paths.js';

const committedText = readFileSync(fromRoot('src', 'templates', 'built-in-template-specs.js'), 'utf8');

async function builtInSources(): Promise<string[]> {
  const sources: string[] = [];
  for (const name of await listThemes()) {
    const { theme } = await loadTheme(path.join(templatesDirectory, name));
    if (!theme) throw new Error(`built-in theme ${name} does not load`);
    sources.push(theme.templates.main, ...(theme.templates.pack !== undefined ? [theme.templates.pack] : []), ...Object.values(theme.templates.partials));
  }
  return sources;
}

describe('precompiled templates of the built-in themes', () => {
  it('src/templates/built-in-template-specs.js is up to date with the built-in themes\' templates', async () => {
    expect(committedText, 'built-in-template-specs.js is stale: run `npm run template-specs`').toBe(await builtInTemplateSpecsText());
  });

  it('a built-in template is taken from the specs, never compiled at run time', async () => {
    const sources = await builtInSources();
    expect(sources.length).toBeGreaterThan(10);
    for (const source of sources) {
      const handlebars = Handlebars.create();
      const compile = vi.spyOn(handlebars, 'compile');
      compileTemplate(handlebars, source);
      expect(compile, `compiled at run time: ${source.slice(0, 60)}`).not.toHaveBeenCalled();
    }
  });

  it('an edited template is compiled, and runs as the edited text says', () => {
    const handlebars = Handlebars.create();
    const compile = vi.spyOn(handlebars, 'compile');
    const template = compileTemplate(handlebars, '<p>{{title}} (edited)</p>');
    expect(compile).toHaveBeenCalledTimes(1);
    expect(template({ title: 'Sepsis' })).toBe('<p>Sepsis (edited)</p>');
  });

  it('keeps finding the specs after templates were compiled (Handlebars writes into the options it is given)', async () => {
    const sources = await builtInSources();
    compileTemplate(Handlebars.create(), '<p>{{title}}</p>')({ title: 'x' });
    Handlebars.precompile('<p>{{title}}</p>');
    const handlebars = Handlebars.create();
    const compile = vi.spyOn(handlebars, 'compile');
    for (const source of sources) compileTemplate(handlebars, source);
    expect(compile).not.toHaveBeenCalled();
  });

  it('a precompiled template runs as the compiled one: same markup, same strict-mode error and place', async () => {
    const { theme } = await loadTheme(path.join(templatesDirectory, 'default'));
    for (const [name, source] of Object.entries(theme!.templates.partials)) {
      const fromSpec = compileTemplate(Handlebars.create(), source);
      const compiledHere = compileTemplate(Handlebars.create(), source, {});
      const outcome = (template: Handlebars.TemplateDelegate) => {
        try {
          return template({});
        } catch (error) {
          return `error: ${(error as Error).message}`;
        }
      };
      expect(outcome(fromSpec), name).toBe(outcome(compiledHere));
    }
  });
});
