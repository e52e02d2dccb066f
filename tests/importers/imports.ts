/** Re-exports for the importer tests. */
export * from '../../lib/io/importers/index.js';
export type InputErrorLike = Error & { line?: number; column?: string; file?: string };
