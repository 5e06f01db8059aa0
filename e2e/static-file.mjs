// Maps a URL path to a file under `root`, or null: every segment must be a plain name (letters,
// digits, `.`, `_`, `-`, not `.` or `..`), so nothing outside `root` is ever reachable.
import { join } from 'node:path';

export function fileUnder(root, urlPath) {
  const segments = urlPath.split('/').filter((s) => s !== '');
  if (segments.length === 0) return null;
  const plain = (s) => /^[\w.-]+$/.test(s) && s !== '.' && s !== '..';
  return segments.every(plain) ? join(root, ...segments) : null;
}
