// S3 protocol errors. Codes, statuses and messages follow the S3 error catalogue
// (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html) because clients such as the
// AWS SDK switch on `Code` (e.g. RequestTimeTooSkewed triggers its clock-skew correction).

export type S3ErrorCode =
  | 'AccessDenied'
  | 'AuthorizationHeaderMalformed'
  | 'AuthorizationQueryParametersError'
  | 'BadDigest'
  | 'EntityTooLarge'
  | 'EntityTooSmall'
  | 'ExpiredToken'
  | 'IncompleteBody'
  | 'InternalError'
  | 'InvalidAccessKeyId'
  | 'InvalidArgument'
  | 'InvalidPart'
  | 'InvalidPartOrder'
  | 'InvalidRange'
  | 'InvalidRequest'
  | 'InvalidToken'
  | 'InvalidURI'
  | 'MalformedXML'
  | 'MethodNotAllowed'
  | 'MissingContentLength'
  | 'NoSuchBucket'
  | 'NoSuchKey'
  | 'NoSuchUpload'
  | 'NotImplemented'
  | 'RequestTimeTooSkewed'
  | 'SignatureDoesNotMatch'
  | 'XAmzContentSHA256Mismatch';

const STATUS: Record<S3ErrorCode, number> = {
  AccessDenied: 403,
  AuthorizationHeaderMalformed: 400,
  AuthorizationQueryParametersError: 400,
  BadDigest: 400,
  EntityTooLarge: 400,
  EntityTooSmall: 400,
  ExpiredToken: 400,
  IncompleteBody: 400,
  InternalError: 500,
  InvalidAccessKeyId: 403,
  InvalidArgument: 400,
  InvalidPart: 400,
  InvalidPartOrder: 400,
  InvalidRange: 416,
  InvalidRequest: 400,
  InvalidToken: 400,
  InvalidURI: 400,
  MalformedXML: 400,
  MethodNotAllowed: 405,
  MissingContentLength: 411,
  NoSuchBucket: 404,
  NoSuchKey: 404,
  NoSuchUpload: 404,
  NotImplemented: 501,
  RequestTimeTooSkewed: 403,
  SignatureDoesNotMatch: 403,
  XAmzContentSHA256Mismatch: 400,
};

const DEFAULT_MESSAGE: Partial<Record<S3ErrorCode, string>> = {
  AccessDenied: 'Access Denied',
  ExpiredToken: 'The provided token has expired.',
  InvalidAccessKeyId: 'The AWS Access Key Id you provided does not exist in our records.',
  InvalidToken: 'The provided token is malformed or otherwise invalid.',
  NoSuchBucket: 'The specified bucket does not exist',
  NoSuchKey: 'The specified key does not exist.',
  NoSuchUpload:
    'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.',
  RequestTimeTooSkewed: 'The difference between the request time and the current time is too large.',
  SignatureDoesNotMatch:
    'The request signature we calculated does not match the signature you provided. Check your key and signing method.',
  XAmzContentSHA256Mismatch: "The provided 'x-amz-content-sha256' header does not match what was computed.",
};

/** An error answered to the client as an S3 `<Error>` document. */
export class S3Error extends Error {
  readonly status: number;
  /** Extra response headers, e.g. `Content-Range` for InvalidRange. */
  readonly headers: Readonly<Record<string, string>>;
  /**
   * Extra elements of the `<Error>` document. S3 adds e.g. `CanonicalRequest` and `StringToSign` to
   * SignatureDoesNotMatch, which is what makes a hand-written signer debuggable; so do we.
   */
  readonly details: Readonly<Record<string, string>>;

  constructor(
    readonly code: S3ErrorCode,
    message?: string,
    extra: { headers?: Record<string, string>; details?: Record<string, string> } = {},
  ) {
    super(message ?? DEFAULT_MESSAGE[code] ?? code);
    this.name = 'S3Error';
    this.status = STATUS[code];
    this.headers = extra.headers ?? {};
    this.details = extra.details ?? {};
  }

  static is(value: unknown): value is S3Error {
    return value instanceof S3Error;
  }
}
