// Unzipped routes: `<dir>/wpmz/template.kml` and `<dir>/wpmz/waylines.wpml`, as people keep routes in a
// repository to diff them. Read into the same model, and checked by the same rules, as a KMZ.
import { lstat, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { archiveStart, type Finding } from './wpml/findings';
import { storedKmz, validateRouteFiles, type RouteFiles, type ValidateOptions } from './wpml/validate';
import { readRouteModel, RouteError, TEMPLATE_PATH, WAYLINES_PATH, type RouteModel } from './wpml/wpml';
import { DEFAULT_ZIP_LIMITS } from './zip/zip';

export const ROUTE_DIR = 'wpmz';

/** Whether `dir` holds an unzipped route, i.e. a `wpmz/` folder. */
export async function isRouteFolder(dir: string): Promise<boolean> {
  try {
    return (await lstat(join(dir, ROUTE_DIR))).isDirectory();
  } catch {
    return false;
  }
}

export interface RouteFolder extends RouteFiles {
  readonly names: readonly string[];
  /** Required files left unread because they exceed the size limit a KMZ would have. */
  readonly tooLarge: readonly string[];
}

/**
 * Lists `wpmz/` (relative, `/`-separated, like KMZ entry names) and reads the two route files. Symbolic
 * links are not followed and the walk stops at the KMZ entry limit: a route folder is small, and a link
 * or a huge tree there is a mistake to report, not to follow.
 */
export async function readRouteFolder(dir: string): Promise<RouteFolder> {
  const names: string[] = [];
  const walk = async (rel: string): Promise<void> => {
    for (const entry of await readdir(join(dir, rel), { withFileTypes: true })) {
      if (names.length >= DEFAULT_ZIP_LIMITS.maxEntries) return;
      const name = `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        names.push(`${name}/`);
        await walk(name);
      } else {
        names.push(name);
      }
    }
  };
  if (await isRouteFolder(dir)) await walk(ROUTE_DIR);
  const tooLarge: string[] = [];
  const read = async (name: string): Promise<Buffer | undefined> => {
    const path = join(dir, ...name.split('/'));
    const info = await lstat(path).catch(() => undefined);
    if (!info?.isFile()) return undefined;
    if (info.size > DEFAULT_ZIP_LIMITS.maxEntrySize) {
      tooLarge.push(name);
      return undefined;
    }
    return readFile(path);
  };
  const [templateKml, waylinesWpml] = await Promise.all([read(TEMPLATE_PATH), read(WAYLINES_PATH)]);
  return {
    names,
    tooLarge,
    ...(templateKml ? { templateKml } : {}),
    ...(waylinesWpml ? { waylinesWpml } : {}),
  };
}

/** The route model of a folder; throws RouteError exactly as readRouteModel does for a KMZ. */
export async function readRouteFolderModel(dir: string): Promise<RouteModel> {
  const files = await readRouteFolder(dir);
  if (!files.templateKml)
    throw new RouteError('kmz.missing_template', `The route folder has no ${TEMPLATE_PATH}`);
  if (!files.waylinesWpml)
    throw new RouteError('kmz.missing_waylines', `The route folder has no ${WAYLINES_PATH}`);
  return readRouteModel(storedKmz(files));
}

/** Findings for an unzipped route folder; I/O failures of the folder itself reject. */
export async function validateRouteFolder(dir: string, options: ValidateOptions = {}): Promise<Finding[]> {
  const files = await readRouteFolder(dir);
  if (files.tooLarge.length > 0) {
    const limit = DEFAULT_ZIP_LIMITS.maxEntrySize / 1024 / 1024;
    return files.tooLarge.map((name) => ({
      rule: 'route.too_large',
      severity: 'error',
      message: {
        en: `${name} is larger than ${limit} MB, the most a route file may hold; it was not read.`,
        zh: `${name} 超过 ${limit} MB，超出航线文件的大小上限，未读取。`,
      },
      ...archiveStart,
      file: name,
    }));
  }
  return validateRouteFiles(files, options);
}
