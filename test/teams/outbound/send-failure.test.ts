import { restError } from '../../support/rest-error';
import {
  classifyFailure,
  describeFailure,
  isRetryable,
  parseRetryAfter,
  SendTimeoutError,
  type SendFailure,
} from '../../../src/teams/outbound/send-failure';

const NOW = Date.UTC(2025, 10, 25, 9, 0, 0);

describe('parseRetryAfter', () => {
  it.each([
    ['1', 1000],
    ['0', 0],
    [' 2 ', 2000],
    ['1.5', 1500],
    [new Date(NOW + 3000).toUTCString(), 3000],
    [new Date(NOW - 3000).toUTCString(), 0],
    ['Wed, 21 Oct 2015 07:28:00 GMT', 0],
    ['soon', undefined],
    ['-1', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('Retry-After %p → %p ms', (value, ms) => {
    expect(parseRetryAfter(value, NOW)).toBe(ms);
  });

  it('retry-after-ms is in milliseconds and never a date', () => {
    expect(parseRetryAfter('250', NOW, 'ms')).toBe(250);
    expect(parseRetryAfter(new Date(NOW).toUTCString(), NOW, 'ms')).toBeUndefined();
  });
});

describe('classifyFailure', () => {
  it.each<[string, unknown, SendFailure]>([
    [
      '429 with Retry-After seconds',
      restError(429, { headers: { 'retry-after': '2' } }),
      { type: 'throttled', status: 429, retryAfterMs: 2000 },
    ],
    [
      '429 with an HTTP date',
      restError(429, { headers: { 'retry-after': new Date(NOW + 4000).toUTCString() } }),
      { type: 'throttled', status: 429, retryAfterMs: 4000 },
    ],
    [
      '429 with retry-after-ms first',
      restError(429, { headers: { 'retry-after-ms': '300', 'retry-after': '9' } }),
      { type: 'throttled', status: 429, retryAfterMs: 300 },
    ],
    ['429 without Retry-After', restError(429), { type: 'throttled', status: 429 }],
    ['503 with Retry-After', restError(503, { headers: { 'retry-after': '1' } }), { type: 'throttled', status: 503, retryAfterMs: 1000 }],
    ['503 without', restError(503), { type: 'rejected', status: 503 }],
    ['500 with a service code', restError(500, { code: 'InternalError' }), { type: 'rejected', status: 500, code: 'InternalError' }],
    ['400', restError(400, { code: 'BadArgument' }), { type: 'rejected', status: 400, code: 'BadArgument' }],
    ['connection refused', restError(undefined, { code: 'ECONNREFUSED' }), { type: 'notSent', code: 'ECONNREFUSED' }],
    ['DNS failure', restError(undefined, { code: 'ENOTFOUND' }), { type: 'notSent', code: 'ENOTFOUND' }],
    ['reset after sending', restError(undefined, { code: 'ECONNRESET' }), { type: 'ambiguous', code: 'ECONNRESET' }],
    ['REQUEST_SEND_ERROR', restError(undefined, { code: 'REQUEST_SEND_ERROR' }), { type: 'ambiguous', code: 'REQUEST_SEND_ERROR' }],
    ['our own timeout', new SendTimeoutError(15000), { type: 'ambiguous', code: 'TIMEOUT' }],
    ['a bug', new TypeError('x is undefined'), { type: 'unknown', name: 'TypeError' }],
    ['a thrown string', 'boom', { type: 'unknown', name: 'string' }],
  ])('%s', (_, err, expected) => {
    expect(classifyFailure(err, NOW)).toEqual(expected);
  });
});

describe('isRetryable: an update is idempotent, a post only when nothing can have been posted', () => {
  const cases: Array<[SendFailure, boolean, boolean]> = [
    // failure, post, update
    [{ type: 'throttled', status: 429, retryAfterMs: 1000 }, true, true],
    [{ type: 'throttled', status: 429 }, true, true],
    [{ type: 'notSent', code: 'ECONNREFUSED' }, true, true],
    [{ type: 'rejected', status: 412 }, true, true],
    [{ type: 'rejected', status: 503 }, true, true],
    [{ type: 'ambiguous', code: 'ECONNRESET' }, false, true],
    [{ type: 'ambiguous', code: 'TIMEOUT' }, false, true],
    [{ type: 'rejected', status: 500 }, false, true],
    [{ type: 'rejected', status: 502 }, false, true],
    [{ type: 'rejected', status: 504 }, false, true],
    [{ type: 'rejected', status: 408 }, false, true],
    [{ type: 'rejected', status: 501 }, false, false],
    [{ type: 'rejected', status: 400 }, false, false],
    [{ type: 'rejected', status: 403 }, false, false],
    [{ type: 'rejected', status: 404 }, false, false],
    [{ type: 'unknown', name: 'TypeError' }, false, false],
  ];
  it.each(cases)('%j: post %p, update %p', (failure, post, update) => {
    expect(isRetryable(failure, 'post')).toBe(post);
    expect(isRetryable(failure, 'update')).toBe(update);
  });
});

test('describeFailure gives only the type, status, code and wait', () => {
  expect(describeFailure({ type: 'throttled', status: 429, retryAfterMs: 1000 })).toEqual({
    failure: 'throttled',
    status: 429,
    retryAfterMs: 1000,
  });
  expect(describeFailure({ type: 'ambiguous', code: 'ECONNRESET' })).toEqual({ failure: 'ambiguous', code: 'ECONNRESET' });
});
