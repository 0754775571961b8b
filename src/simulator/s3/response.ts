// Writing S3 responses: common headers, XML documents, and `<Error>` documents.
import type { ServerResponse } from 'node:http';
import { S3Error } from './errors';
import { errorDocument } from './xml';

export interface ResponseContext {
  readonly res: ServerResponse;
  readonly requestId: string;
  /** Simulator time, sent as `Date`: the AWS SDK corrects its clock from it on RequestTimeTooSkewed. */
  readonly nowMs: number;
  readonly isHead: boolean;
  /** `/bucket/key` for the `<Resource>` of error documents. */
  readonly resource: string;
}

export function writeHead(
  ctx: ResponseContext,
  status: number,
  headers: Record<string, string | number>,
): void {
  ctx.res.writeHead(status, {
    'x-amz-request-id': ctx.requestId,
    'x-amz-id-2': ctx.requestId,
    Date: new Date(ctx.nowMs).toUTCString(),
    Server: 'FlightHubSimulatorS3',
    ...headers,
  });
}

export function sendXml(ctx: ResponseContext, status: number, xml: string): void {
  const body = Buffer.from(xml, 'utf8');
  writeHead(ctx, status, { 'Content-Type': 'application/xml', 'Content-Length': body.length });
  ctx.res.end(ctx.isHead ? undefined : body);
}

export function sendEmpty(
  ctx: ResponseContext,
  status: number,
  headers: Record<string, string | number> = {},
): void {
  writeHead(ctx, status, { 'Content-Length': 0, ...headers });
  ctx.res.end();
}

/**
 * Answers `error` as S3 does. Anything that is not an S3Error is an internal fault. When the
 * response has already started, or the client is gone, the only honest signal left is to cut the
 * connection.
 */
export function sendError(ctx: ResponseContext, error: unknown): void {
  const { res } = ctx;
  if (res.headersSent || res.destroyed) {
    res.destroy();
    return;
  }
  const s3 = S3Error.is(error)
    ? error
    : new S3Error('InternalError', 'We encountered an internal error. Please try again.');
  const xml = errorDocument({
    code: s3.code,
    message: s3.message,
    resource: ctx.resource,
    requestId: ctx.requestId,
    details: s3.details,
  });
  const body = Buffer.from(xml, 'utf8');
  // HEAD responses carry no body; S3 still sends the status and headers.
  writeHead(ctx, s3.status, {
    'Content-Type': 'application/xml',
    'Content-Length': ctx.isHead ? 0 : body.length,
    ...s3.headers,
  });
  res.end(ctx.isHead ? undefined : body);
}
