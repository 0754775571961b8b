import * as z from 'zod';

// Received shapes are loose (extra fields pass through, so additive API changes don't break users);
// shapes we send are strict. See STYLE.md habit 9.

/**
 * A list that FlightHub may send as `null` when empty (docs/api.md#paging-and-empty-lists): always an array
 * after parsing.
 */
export function nullableList<T extends z.ZodType>(item: T) {
  return z
    .array(item)
    .nullish()
    .transform((v) => v ?? []);
}

/**
 * `data: {list: [...]}` holder, with `list: null` normalised to `[]`. Items are checked with a
 * stripping copy of their schema — zod compiles those to fast code, which matters for lists of 10,000
 * tasks or media — and then returned as received, so fields we don't know still reach the caller.
 * Item schemas must therefore not transform (no defaults, no transforms).
 */
export function listData<T extends z.ZodObject>(item: T) {
  const check = z.object({ list: z.array(item.strip()).nullish() });
  return z.unknown().transform((raw, ctx) => {
    const result = check.safeParse(raw);
    if (!result.success) {
      for (const issue of result.error.issues) ctx.addIssue({ ...issue, input: undefined });
      return z.NEVER;
    }
    const holder = raw as { list?: unknown[] | null };
    return { ...holder, list: (holder.list ?? []) as Array<z.output<T>> };
  });
}

/**
 * Times come as RFC 3339 strings in task/media payloads and as numbers elsewhere; accept both.
 * A plain predicate rather than a union: lists of 10,000 tasks carry four of these per item.
 */
export const timeValue = z
  .custom<string | number | null | undefined>(
    (v) => v === undefined || v === null || typeof v === 'string' || typeof v === 'number',
    'expected a time (string or number)',
  )
  .optional();

/** Unix seconds, as every query/body time parameter of the V1 API. */
export const unixSeconds = z.number().int().nonnegative();

/** A response whose `data` carries nothing useful (`null`, `{}` or absent). */
export const emptyData = z.unknown();

export const envelope = z.looseObject({
  code: z.number().int(),
  message: z.string().nullish(),
  data: z.unknown().optional(),
});

export const nonEmpty = z.string().trim().min(1);
