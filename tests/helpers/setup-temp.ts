/**
 * Setup file of both test projects (vitest runs it before every test file): after the file, remove the temporary
 * folders its tests made with tempDir (tests/helpers/temp.ts).
 */
import { afterAll } from 'vitest';
import { removeTempDirs } from './temp.js';

afterAll(removeTempDirs);
