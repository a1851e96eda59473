import { z } from "zod";

// Row ids are PostgreSQL integers. A larger number, from a URL, a query string or a form, names
// nothing; passed to the database it would fail the query ("out of range for type integer")
// instead of finding no row.

export const MAX_ID = 2_147_483_647;

/** An id from outside: a whole number from 1 to MAX_ID (digits in a string are accepted). */
export const idSchema = z.coerce
  .number({ message: "There is no such item" })
  .int("There is no such item")
  .positive("There is no such item")
  .max(MAX_ID, "There is no such item");

/** Whether a path segment or parameter is an id that could exist. */
export const isIdText = (value: string | undefined): value is string =>
  value !== undefined && /^[1-9][0-9]{0,9}$/.test(value) && Number(value) <= MAX_ID;
