/** The study's notebooks (notebooks/*.ipynb) as the teaching tests read them. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Nb } from '../../scripts/teaching/edition.js';

/** The notebooks' folder. */
export const NB_DIR = path.resolve('notebooks');
/** A notebook of notebooks/, parsed. */
export const readNb = (file: string): Nb => JSON.parse(fs.readFileSync(path.join(NB_DIR, file), 'utf8')) as Nb;
/** Every study notebook's file name (NN-name.ipynb), in order. */
export const notebookFiles: string[] = fs
  .readdirSync(NB_DIR)
  .filter((f) => /^\d\d-.+\.ipynb$/.test(f))
  .sort();
/** The notebooks with exercises and checks: 01–09. */
export const checkedNotebooks: string[] = notebookFiles.filter((f) => /^0[1-9]-/.test(f));
