/**
 * Shaped like the RestError botbuilder 4.23 rejects with (test/teams/connector-retries.test.ts
 * checks the real one): `statusCode`, `code`, and the non-enumerable `response` and `request` —
 * whose body is the card that was sent, and whose message may quote it.
 */
export function restError(
  statusCode: number | undefined,
  opts: { code?: string; headers?: Record<string, string>; body?: string } = {},
): Error {
  const headers = opts.headers ?? {};
  const err = new Error(`{"error":{"code":"x","message":"could not handle ${opts.body ?? 'the request'}"}}`);
  Object.assign(err, { name: 'RestError', ...(statusCode !== undefined ? { statusCode } : {}), ...(opts.code ? { code: opts.code } : {}) });
  Object.defineProperty(err, 'response', {
    enumerable: false,
    value:
      statusCode === undefined
        ? undefined
        : { status: statusCode, headers: { get: (n: string) => headers[n.toLowerCase()] }, bodyAsText: opts.body },
  });
  Object.defineProperty(err, 'request', { enumerable: false, value: { method: 'POST', body: opts.body } });
  return err;
}
