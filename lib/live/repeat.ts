import { addZonedDays, formatZonedDate } from "@/lib/format/zoned";
import { ValidationError } from "@/lib/errors";
import { isProgrammeDate, PROGRAMME_YEARS } from "./programme-years";
import { MAX_REPEATS } from "./schemas";

// A show repeated every day or every week keeps its time on the site's clock: a daily 07:00 show
// is at 07:00 on both sides of a clock change (its hours in UTC move, not the wall clock).

export interface Slot {
  startsAt: Date;
  endsAt: Date;
}

export interface Repeat {
  every: "daily" | "weekly";
  /** Shows in all, the first included. */
  times?: number;
  /** The last instant a show may start at (the end of the last day, on the site's clock). */
  until?: Date;
}

/** The times of `first` and its repeats, or a ValidationError naming the repeat's field. */
export function repeatSlots(first: Slot, repeat: Repeat, timeZone: string): Slot[] {
  const field = repeat.times === undefined ? "until" : "times";
  if (repeat.until && repeat.until < first.startsAt) throw new ValidationError({ until: "Choose a last day on or after the first show" });
  const step = repeat.every === "daily" ? 1 : 7;
  const duration = first.endsAt.getTime() - first.startsAt.getTime();
  const slots: Slot[] = [first];
  for (let index = 1; index <= MAX_REPEATS; index++) {
    if (repeat.times !== undefined && index >= repeat.times) break;
    const startsAt = addZonedDays(first.startsAt, index * step, timeZone);
    if (repeat.until && startsAt > repeat.until) break;
    const endsAt = addZonedDays(first.endsAt, index * step, timeZone);
    // A show around a clock change keeps its length when its end would not follow its start.
    slots.push({ startsAt, endsAt: endsAt > startsAt ? endsAt : new Date(startsAt.getTime() + duration) });
  }
  if (slots.length > MAX_REPEATS) throw new ValidationError({ until: `That makes more than ${MAX_REPEATS} shows: choose an earlier last day` });
  if (slots.length < 2) throw new ValidationError({ until: "Choose a last day that leaves room for a second show" });
  if (!isProgrammeDate(slots.at(-1)!.endsAt)) throw new ValidationError({ [field]: `Keep the shows between ${PROGRAMME_YEARS}` });
  return slots;
}

/** "These dates clash with the programme: 3 March 2031 (“Morning”), …", naming at most five. */
export function clashMessage(clashes: { startsAt: Date; title: string }[], timeZone: string): string {
  const named = clashes.slice(0, 5).map((clash) => `${formatZonedDate(clash.startsAt.toISOString(), timeZone)} (“${clash.title}”)`);
  const more = clashes.length > 5 ? ` and ${clashes.length - 5} more` : "";
  return `${clashes.length === 1 ? "This date clashes" : "These dates clash"} with the programme: ${named.join(", ")}${more}`;
}
