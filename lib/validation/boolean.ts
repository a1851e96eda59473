import { z } from "zod";

// A yes/no value from outside. JSON clients send true/false; forms and scripts send text, where
// "false" is a non-empty string — `z.coerce.boolean()` reads it as true. Here only the words a
// checkbox, a select or a script means are read, and anything else is refused with `message`.

const TRUTHY = ["true", "on", "1"];
const FALSY = ["false", "off", "0", ""];

/** true/false, or "true"/"on"/"1" and "false"/"off"/"0"/"" (any case); nothing else. */
export const yesNo = (message: string) => z.union([z.boolean(), z.stringbool({ truthy: TRUTHY, falsy: FALSY })], { error: message });
