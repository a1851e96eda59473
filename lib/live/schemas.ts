import { z } from "zod";
import { text } from "@/lib/validation/text";
import { idSchemaWith, isIdText } from "@/lib/validation/ids";
import { isProgrammeDate, PROGRAMME_YEARS } from "./programme-years";

// What editors set for a stream and its programme schedule. Stream addresses must be https or a
// path on this site (plain http only with LIVE_ALLOW_HTTP=1); the server never fetches them.

export function streamUrlSchema(allowHttp: boolean) {
  return z
    .string()
    .trim()
    .max(2048, "Keep the address under 2,048 characters")
    .refine(
      (url) =>
        url === "" ||
        // A path: one slash, then no slash or backslash (browsers read "/\host" as "//host").
        /^\/(?![/\\])[^\s\\]*$/.test(url) ||
        ((url.startsWith("https://") || (allowHttp && url.startsWith("http://"))) && URL.canParse(url)),
      allowHttp ? "Use an https:// or http:// address, or a path on this site" : "Use an https:// address or a path on this site",
    );
}

export function streamInputSchema(allowHttp: boolean) {
  return z
    .object({
      title: text().trim().min(1, "Name the stream").max(100, "Keep the title under 100 characters"),
      url: streamUrlSchema(allowHttp),
      status: z.enum(["on_air", "off_air"], { message: "Choose on air or off air" }),
      /** An image from the media library shown before the video plays and as lock-screen art; null for none. */
      posterMediaId: idSchemaWith("Choose an image from the library").nullable().optional(),
    })
    .refine((stream) => stream.status === "off_air" || stream.url !== "", { message: "A stream on air needs an address", path: ["url"] });
}

export const showInputSchema = z
  .object({
    title: text().trim().min(1, "Name the show").max(120, "Keep the title under 120 characters"),
    description: text().trim().max(500, "Keep the description under 500 characters").default(""),
    startsAt: z.coerce.date({ message: "Enter when the show starts" }),
    endsAt: z.coerce.date({ message: "Enter when the show ends" }),
  })
  .refine((show) => !Number.isNaN(show.startsAt.getTime()), { message: "Enter when the show starts", path: ["startsAt"] })
  .refine((show) => !Number.isNaN(show.endsAt.getTime()), { message: "Enter when the show ends", path: ["endsAt"] })
  .refine((show) => isProgrammeDate(show.startsAt), { message: `Choose a date between ${PROGRAMME_YEARS}`, path: ["startsAt"] })
  .refine((show) => isProgrammeDate(show.endsAt), { message: `Choose a date between ${PROGRAMME_YEARS}`, path: ["endsAt"] })
  .refine((show) => show.endsAt > show.startsAt, { message: "The show must end after it starts", path: ["endsAt"] })
  .refine((show) => show.endsAt.getTime() - show.startsAt.getTime() <= 24 * 3600_000, { message: "A show lasts at most 24 hours", path: ["endsAt"] });

/** The most shows one repeat makes: three months of a daily show. */
export const MAX_REPEATS = 90;

/**
 * How a new show repeats: every day or every week at the same time on the site's clock, for
 * `times` shows in all (the first included) or for every day up to `until`; one of the two.
 */
export const repeatInputSchema = z
  .object({
    every: z.enum(["daily", "weekly"], { message: "Choose every day or every week" }),
    times: z.coerce
      .number({ message: `Enter a number from 2 to ${MAX_REPEATS}` })
      .int(`Enter a number from 2 to ${MAX_REPEATS}`)
      .min(2, `Enter a number from 2 to ${MAX_REPEATS}`)
      .max(MAX_REPEATS, `Enter a number from 2 to ${MAX_REPEATS}`)
      .optional(),
    until: z.coerce.date({ message: "Enter the last day" }).optional(),
  })
  .refine((repeat) => repeat.until === undefined || !Number.isNaN(repeat.until.getTime()), { message: "Enter the last day", path: ["until"] })
  .refine((repeat) => (repeat.times === undefined) !== (repeat.until === undefined), {
    message: "Say how many times, or until when",
    path: ["times"],
  });

/**
 * A stream id from a URL. Anything that is not a stream's id, a number or not, is answered
 * like an unknown stream: 422 naming the field.
 */
export function streamIdParam(value: string): number {
  return isIdText(value) ? Number(value) : 0;
}
