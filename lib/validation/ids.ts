import { z } from "zod";

// Row ids are PostgreSQL integers. A larger number, from a URL, a query string, a form or a JSON
// body, names nothing; passed to the database it would fail the query ("out of range for type
// integer") instead of finding no row. Every id from outside is read through this module: as
// text with isIdText, or in a schema with idSchema / idSchemaWith.

export const MAX_ID = 2_147_483_647;

/** Whether a path segment, a parameter or a form value is an id that could exist: plain digits, 1 to MAX_ID. */
export const isIdText = (value: string | undefined): value is string =>
  value !== undefined && /^[1-9][0-9]{0,9}$/.test(value) && Number(value) <= MAX_ID;

/**
 * An id from outside, refused with `message`: a whole number from 1 to MAX_ID, or its digits as
 * text (forms, URLs). Nothing else is read as a number — not "1e3", " 7 ", true or [7].
 */
export function idSchemaWith(message: string) {
  return z.preprocess(
    (value) => (typeof value === "string" ? (isIdText(value) ? Number(value) : Number.NaN) : value),
    z.number({ message }).int(message).positive(message).max(MAX_ID, message),
  );
}

export const idSchema = idSchemaWith("There is no such item");
