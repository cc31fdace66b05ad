import type { TemplateSpecs } from './template-specs.js';

/** The built-in themes' templates compiled with `templateCompileOptions`, by `templateSpecKey` of their source (generated: `npm run template-specs`). */
declare const specs: TemplateSpecs;
export default specs;
