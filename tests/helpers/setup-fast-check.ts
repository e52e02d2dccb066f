/**
 * Property tests run with a fixed fast-check seed so a CI run is reproducible;
 * set FC_SEED=<n> (or FC_SEED=random) to explore other cases locally.
 */
import * as fc from 'fast-check';

const env = process.env.FC_SEED;
if (env !== 'random') fc.configureGlobal({ seed: env ? Number(env) : 20251123 });
