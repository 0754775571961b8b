// A KMZ on disk, checked in place: only its directory and the two route files are read, so a route that
// carries large resources (`wpmz/res/`) costs no more to check than one without.
import { stat } from 'node:fs/promises';
import { archiveStart, type Finding } from './wpml/findings';
import { zipMessage } from './wpml/messages';
import { validateKmz, type ValidateOptions } from './wpml/validate';
import { DEFAULT_ZIP_LIMITS, withZipFile } from './zip/zip';

/**
 * Validates a KMZ on disk, reading only its directory and the two route files: a route with large
 * resources is checked without loading them. A file above the reader's total-size limit cannot hold an
 * archive within it (stored data is never smaller than its share of the file), so it is refused by its
 * size without being read.
 */
export async function validateKmzFile(path: string, options: ValidateOptions = {}): Promise<Finding[]> {
  const { size } = await stat(path);
  const limit = DEFAULT_ZIP_LIMITS.maxTotalSize;
  if (size <= limit) return withZipFile(path, (source) => validateKmz(source, options));
  const message = `The file is ${size} bytes; uncompressed content is limited to ${limit} bytes`;
  return [
    {
      rule: 'zip.too_large',
      severity: 'error',
      message: zipMessage('zip.too_large', message, undefined),
      ...archiveStart,
    },
  ];
}
