export * from './render-report-html.js';
export * from './report-model.js';
export * from './write-report.js';
