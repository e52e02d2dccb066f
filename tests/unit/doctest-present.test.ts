/**
 * Examples that run, the second half: the `@example`s of lib/present and lib/synthetic (the rest, and the
 * machinery's own tests: tests/unit/doctest.test.ts; conventions: docs/CONTRIBUTING.md, "Examples that run").
 */
import { docTestSuite } from '../helpers/doctest-suite.js';

docTestSuite((f) => /^lib\/(present|synthetic)\//.test(f), 60);
