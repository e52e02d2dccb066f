/**
 * Typed handles on the kernel's CommonJS helpers, for the TypeScript scripts, bench and tests (one declaration
 * instead of a cast at every use): the compiled-library build (kernel-build.cjs) and the warm spare kernels
 * (spares.cjs). The launcher (kernel.cjs) requires them directly.
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { ROOT } from './env.js';

/** A complete build of lib/ for the kernel: .kernel-root/builds/<hash>. */
export interface KernelBuild {
  dir: string;
  hash: string;
  built: boolean;
  seconds: number;
}

/** One spare kernel's files in the spares folder. */
export interface SpareEntry {
  stem: string;
  hash: string;
  tag: string;
  ready: boolean;
  pid: number;
}

const req = createRequire(path.join(ROOT, 'package.json'));

export const kernelBuild = req('./scripts/jupyter/kernel-build.cjs') as {
  ensureBuild(root: string, opts?: { log?: (s: string) => void }): KernelBuild;
  /** Compile root/lib into outLib (.js + .d.ts); throws one `file:line:column: message` line per problem. */
  compile(root: string, outLib: string): void;
  sourceFiles(root: string): string[];
  sourceHash(root: string): string;
  isComplete(dir: string): boolean;
  buildsDir(root: string): string;
  isRunning(pid: number): boolean;
};

export const spares = req('./scripts/jupyter/spares.cjs') as {
  enabled(env: NodeJS.ProcessEnv): boolean;
  spareDir(root: string): string | undefined;
  list(dir: string): SpareEntry[];
  claim(root: string, hash: string, config: string, env: NodeJS.ProcessEnv): Promise<{ pid: number } | undefined>;
  ensureOne(root: string, build: { dir: string; hash: string }, env: NodeJS.ProcessEnv, owner?: number): number | undefined;
  stopAll(root: string): number;
  tagOf(hash: string, env: NodeJS.ProcessEnv): string;
  alive(pid: number): boolean;
};
