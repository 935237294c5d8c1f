import { z } from 'zod';

/**
 * A whole number from card data: a JSON number, or digits as text (templating binds numbers as
 * strings). Not `z.coerce`: that calls `Number()` on anything, and an object with a forged
 * `valueOf` makes it throw instead of failing validation.
 */
export function cardInteger(min: number, max: number) {
  return z
    .union([
      z.number(),
      z
        .string()
        .trim()
        .regex(/^-?\d{1,16}$/)
        .transform(Number),
    ])
    .pipe(z.number().int().min(min).max(max));
}
