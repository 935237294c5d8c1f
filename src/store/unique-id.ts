import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/**
 * Ids that are unique, not secret (table revisions, claim tokens): a random prefix drawn once per
 * process and a counter after it, in base64url, so each id costs no call into node:crypto. When the
 * counter has had all its values (2^30 by default) a new prefix is drawn, so no id comes twice; and
 * the prefix, 66 random bits by default, keeps processes (and a process after a restart) apart.
 */
export class UniqueIds {
  private readonly prefixLength: number;
  private readonly values: number;
  private prefix = '';
  private count = 0;

  constructor(
    readonly length = 16,
    private readonly counterLength = 5,
    private readonly random: (bytes: number) => Buffer = randomBytes,
  ) {
    this.prefixLength = length - counterLength;
    this.values = 64 ** counterLength;
  }

  next(): string {
    if (this.count === 0)
      this.prefix = this.random(Math.ceil((this.prefixLength * 6) / 8))
        .toString('base64url')
        .slice(0, this.prefixLength);
    let n = this.count;
    let counter = '';
    for (let i = 0; i < this.counterLength; i++) {
      counter = ALPHABET[n % 64]! + counter;
      n = Math.floor(n / 64);
    }
    this.count = (this.count + 1) % this.values;
    return this.prefix + counter;
  }
}

const ids = new UniqueIds();

/** 16 base64url characters, as `randomBytes(12).toString('base64url')` gave. */
export function uniqueId(): string {
  return ids.next();
}
