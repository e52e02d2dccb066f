/**
 * The settings in the page's address (`explore.html#g=0.7&…`, the URL form of
 * explore-model.ts): read them from the fragment, write them back after every update
 * without adding a history entry, and tell whether the fragment already holds them.
 *
 * @module present/explore/hash
 */
import { settingsFromHash, settingsToHash, type ExploreSettings } from '../explore-model.js';

/** The settings in the address's fragment (missing ones from `defaults`) and what could not be read. */
export function readHash(defaults: ExploreSettings): { settings: ExploreSettings; problems: string[] } {
  return settingsFromHash(location.hash, defaults);
}

/** Whether the address's fragment is exactly these settings. */
export function hashHolds(s: ExploreSettings): boolean {
  return location.hash === '#' + settingsToHash(s);
}

/** Put the settings into the address, replacing the current history entry (where `history.replaceState` throws: `location.replace`). */
export function writeHash(s: ExploreSettings): void {
  const hash = '#' + settingsToHash(s);
  if (location.hash === hash) return;
  try {
    history.replaceState(null, '', hash);
  } catch {
    location.replace(hash);
  }
}
