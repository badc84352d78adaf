/**
 * The Sentry snapshot API as data: the schemas of every request and answer, their limits and the
 * server's own messages, and the comparison and report code that the emulator runs as Sentry does.
 */

export {
  type ComparedSnapshot,
  type CompareSnapshotsOptions,
  compareSnapshots,
  type ImageSide,
} from './compare/compare-snapshots.js';
export { type SnapshotComparison, SnapshotComparisonSchema } from './compare/snapshot-comparison.js';
export { nestsDeeperThan } from './images/json-nesting.js';
export { renderReportHtml } from './report/render-report-html.js';
export { type ReportEntry, type ReportImage, type ReportModel, reportCounts } from './report/report-model.js';
export * from './schemas/index.js';
