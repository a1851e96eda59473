import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseInput, ValidationError } from "./errors";

// parseInput is how every domain command reads input from outside: what it returns is the schema's
// output, and a refusal is a 422 naming each bad field once, as forms and route handlers show it.

const schema = z.object({
  title: z.string().trim().min(1, "Name it"),
  count: z.coerce.number().int("Whole numbers only").default(1),
  tags: z.array(z.string().min(1, "No empty tags")).default([]),
});

describe("parseInput", () => {
  it.each([
    [{ title: "  Budget  " }, { title: "Budget", count: 1, tags: [] }],
    [{ title: "Budget", count: "3" }, { title: "Budget", count: 3, tags: [] }],
    [{ title: "Budget", tags: ["a", "b"], extra: true }, { title: "Budget", count: 1, tags: ["a", "b"] }],
  ])("returns the schema's output for %j", (raw, expected) => {
    const output: { title: string; count: number; tags: string[] } = parseInput(schema, raw);
    expect(output).toEqual(expected);
  });

  it.each([
    [{ title: " " }, { title: "Name it" }],
    [{ title: "", count: "1.5" }, { title: "Name it", count: "Whole numbers only" }],
    [{ title: "x", tags: ["", ""] }, { tags: "No empty tags" }],
    [null, { form: "Invalid input: expected object, received null" }],
  ])("refuses %j with a ValidationError naming each field once", (raw, fieldErrors) => {
    let thrown: unknown;
    try {
      parseInput(schema, raw);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationError);
    expect(thrown).toMatchObject({ status: 422, message: "Check the highlighted fields.", fieldErrors });
  });
});
