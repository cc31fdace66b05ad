/** The library API: what the CLI calls, and what other programs and tests may call. */
export { build, type BuildOptions, type BuildReport, type HandoutResult, type OutputFile } from './pipeline/build.js';
export { validateFiles, type ValidationResult } from './pipeline/validate-files.js';
export { renderHandout, creationDate, type OutputFormat, type RenderOptions } from './pipeline/render-handout.js';
export { loadDataset, loadDatasetText, type LoadedDataset } from './load/load-dataset.js';
export { datasetSchema, type Dataset } from './load/dataset-schema.js';
export { formatDiagnostic, type Diagnostic } from './shared/diagnostic.js';
export { loadTheme, listThemes } from './templates/load-theme.js';
