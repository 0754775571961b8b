// One upload of the `routes.upload_200mb` benchmark, in a process of its own so that its peak RSS is the
// upload's: `node uploadChild.js <raw|ours|validate> <url> <orgKey> <project> <file>` prints
// {ms, rssMb, outcome}. Each mode loads only what it needs (the raw PUT does not load the S3 SDK).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { FlightHubClient } from '../../src/api/client';
import type { ProjectApi } from '../../src/api/projectApi';

async function main([mode, url, orgKey, projectUuid, file]: string[]): Promise<void> {
  if (!mode || !url || !orgKey || !projectUuid || !file)
    throw new Error('usage: uploadChild <raw|ours|validate> <url> <orgKey> <project> <file>');
  const client = new FlightHubClient({ baseUrl: url, orgKey, language: 'en' });
  try {
    const api = client.project(projectUuid);
    if (mode === 'raw') await raw(api, file);
    else if (mode === 'ours') await ours(api, file);
    else if (mode === 'validate') await validate(file);
    else throw new Error(`unknown mode ${mode}`);
  } finally {
    await client.close();
  }
}

/** One presigned PUT of the file, streamed; the clock starts once the URL is signed. */
async function raw(api: ProjectApi, file: string): Promise<void> {
  const { presignUrl } = await import('../../src/simulator/s3/sigv4.js');
  const { request } = await import('undici');
  const sts = await api.stsToken();
  const key = `${sts.object_key_prefix.replace(/\/+$/, '')}/bench/raw-200mb.kmz`;
  const putUrl = presignUrl({
    method: 'PUT',
    origin: sts.endpoint,
    path: `/${sts.bucket}/${key}`,
    accessKeyId: sts.credentials.access_key_id,
    secretAccessKey: sts.credentials.access_key_secret,
    sessionToken: sts.credentials.security_token,
    region: sts.region || 'us-east-1',
    nowMs: Date.now(),
    expiresSeconds: 600,
  });
  const { size } = await stat(file);
  const started = performance.now();
  const res = await request(putUrl, {
    method: 'PUT',
    body: createReadStream(file, { highWaterMark: 1024 * 1024 }),
    headers: { 'content-length': String(size) },
  });
  await res.body.text();
  if (res.statusCode !== 200) throw new Error(`raw PUT answered ${res.statusCode}`);
  report(performance.now() - started, 'ok');
}

/** The whole flow without the local check: route list, STS, multipart upload, finish-upload. */
async function ours(api: ProjectApi, file: string): Promise<void> {
  const { uploadRoute } = await import('../../src/routes/upload/upload.js');
  const started = performance.now();
  const route = await uploadRoute({ api, name: 'Bench 200 MB', file, validate: false, allowNameClash: true });
  report(performance.now() - started, route.uuid ? 'ok' : 'no route');
}

/** The local check of the file alone, which reads the directory and the two route files. */
async function validate(file: string): Promise<void> {
  const { validateKmzFile } = await import('../../src/routes/kmzFile.js');
  const started = performance.now();
  const findings = await validateKmzFile(file);
  const errors = findings.filter((f) => f.severity === 'error');
  report(performance.now() - started, errors.length === 0 ? 'ok' : `errors: ${errors[0]?.rule}`);
}

function report(ms: number, outcome: string): void {
  const rssMb = Math.round((process.resourceUsage().maxRSS / 1024) * 100) / 100;
  process.stdout.write(JSON.stringify({ ms: Math.round(ms * 100) / 100, rssMb, outcome }));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
