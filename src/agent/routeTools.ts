// Route file tools: check a route file with our validator (a read), and upload one (an action that
// moves no aircraft, but writes to the project). Paths are relative to the tool's root folder (the
// workspace in VS Code, the working directory of flighthub-mcp) and may not lead outside it.
import { stat } from 'node:fs/promises';
import { basename, isAbsolute, relative, resolve } from 'node:path';
import * as z from 'zod';
import { isRouteFolder, validateRouteFolder } from '../routes/folder';
import { validateKmzFile } from '../routes/kmzFile';
import { countSeverity, type Finding } from '../routes/wpml/findings';
import { actionTool, projectUuid, readTool, ToolInputError, type ToolEnv } from './tool';
import { page, plural } from './text';

const routePath = z
  .string()
  .trim()
  .min(1)
  .describe(
    'Path of a .kmz route file or of an unzipped route folder (the folder holding wpmz/), relative to the workspace folder.',
  );

type Route = { readonly path: string; readonly shown: string; readonly kind: 'kmz' | 'folder' };

/** The route at `path` under the root; a clear error for what is missing, outside or not a route. */
async function locate(path: string, env: ToolEnv | undefined): Promise<Route> {
  if (!env) throw new ToolInputError('Route files cannot be read here (no workspace folder).');
  const full = resolve(env.root, path);
  const rel = relative(env.root, full);
  if (rel.startsWith('..') || isAbsolute(rel))
    throw new ToolInputError(`${path} is outside the workspace folder; give a path inside it.`);
  const info = await stat(full).catch(() => undefined);
  if (!info) throw new ToolInputError(`No such file or folder: ${rel || '.'}`);
  if (info.isFile()) {
    if (!/\.kmz$/i.test(full)) throw new ToolInputError(`${rel} is not a .kmz file.`);
    return { path: full, shown: rel, kind: 'kmz' };
  }
  if (await isRouteFolder(full)) return { path: full, shown: rel || '.', kind: 'folder' };
  throw new ToolInputError(`${rel || '.'} is a folder without wpmz/: not an unzipped route.`);
}

async function findingsOf(route: Route): Promise<Finding[]> {
  return route.kind === 'kmz' ? validateKmzFile(route.path) : validateRouteFolder(route.path);
}

/** `file:line:col severity rule message`, as the route-check CLI prints them. */
function findingLine(route: Route, f: Finding): string {
  const inside = route.kind === 'kmz' ? `${route.shown}!/${f.file}` : `${route.shown}/${f.file}`;
  return `${inside}:${f.line}:${f.column} ${f.severity} ${f.rule}: ${f.message.en}`;
}

export const CHECK_ROUTE_FILE = readTool({
  name: 'check_route_file',
  title: 'Check a route file',
  description:
    'Checks a DJI WPML route (a .kmz file or an unzipped route folder in the workspace) with the same validator as the editor and the upload: errors block an upload, warnings are worth a look. Each finding names its file, line and column, a rule id and what is wrong.',
  inputSchema: z.strictObject({ path: routePath, limit: z.number().int().min(1).max(200).default(30) }),
  async run(_client, input, _signal, env) {
    const route = await locate(input.path, env);
    const findings = await findingsOf(route);
    const errors = countSeverity(findings, 'error');
    const warnings = countSeverity(findings, 'warning');
    if (findings.length === 0) return `${route.shown}: no findings; the route can be uploaded.`;
    const head = `${route.shown}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}${errors > 0 ? ' (an upload would be refused)' : ''}.`;
    return `${head}\n${page(findings, 0, input.limit, (f) => findingLine(route, f))}`;
  },
});

export const UPLOAD_ROUTE = actionTool({
  name: 'upload_route',
  title: 'Upload a route file',
  description:
    'Uploads a route file (.kmz or unzipped route folder in the workspace) to a project as a new flight route. It is checked first: a route with errors is refused, and so is a name another route of the project has. No aircraft moves.',
  inputSchema: z.strictObject({
    project_uuid: projectUuid,
    path: routePath,
    name: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .describe('Route name in FlightHub 2 (default: the file name).'),
  }),
  async plan(client, input, signal, env) {
    const route = await locate(input.path, env);
    const findings = await findingsOf(route);
    const errors = findings.filter((f) => f.severity === 'error');
    if (errors.length > 0)
      throw new ToolInputError(
        `${route.shown} has ${plural(errors.length, 'error')}; it cannot be uploaded. Call check_route_file for all findings. First:\n${page(errors, 0, 5, (f) => findingLine(route, f))}`,
      );
    const name = input.name ?? basename(route.path).replace(/\.kmz$/i, '');
    const api = client.project(input.project_uuid);
    const clash = (await api.waylines.list(signal)).list.find((r) => r.name.trim() === name);
    if (clash)
      throw new ToolInputError(
        `The project already has a route named "${name}" (${clash.id}); give another name.`,
      );
    const warnings = countSeverity(findings, 'warning');
    const load = () =>
      env ? env.loadUpload() : Promise.reject(new Error('route upload is not available here'));
    return {
      devices: [],
      action: 'route.upload',
      label: 'Upload route',
      text: [
        `Upload ${route.shown} as the new route "${name}" to project ${input.project_uuid}.`,
        `Checked: no errors, ${plural(warnings, 'warning')}. No aircraft moves.`,
      ].join('\n'),
      async execute(signal2) {
        const upload = await load();
        const source =
          route.kind === 'kmz' ? { file: route.path } : { kmz: await upload.kmzFromFolder(route.path) };
        const done = await upload.uploadRoute({ api, name, ...source, signal: signal2 });
        return `Uploaded route "${done.name}" (id ${done.uuid}).`;
      },
    };
  },
});
