import { createHmac } from "node:crypto";
import { commentHashKey } from "@/lib/auth/keys";

// E-mail addresses and client addresses are kept only as keyed hashes: enough to recognise a
// repeat commenter or sender, useless to anyone who reads the database. The key is never in the
// database and never a constant (lib/auth/keys.ts).

export function keyedHash(kind: "email" | "ip" | "body" | "form" | "sender", value: string): string {
  return createHmac("sha256", commentHashKey()).update(`${kind}:${value}`).digest("hex");
}
