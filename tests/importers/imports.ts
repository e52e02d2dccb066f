/** Re-exports for the importer tests. */
export * from '../../lib/importers/index.js';
export type InputErrorLike = Error & { line?: number; column?: string; file?: string };
