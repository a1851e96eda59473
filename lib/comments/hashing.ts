import { createHmac } from "node:crypto";

// E-mail addresses and client addresses are kept only as keyed hashes: enough to recognise a
// repeat commenter or sender, useless to anyone who reads the database.

function key(): string {
  return process.env.NEXTAUTH_SECRET ?? process.env.AUTH_SECRET ?? "meridian-comments";
}

export function keyedHash(kind: "email" | "ip" | "body" | "form" | "sender", value: string): string {
  return createHmac("sha256", key()).update(`${kind}:${value}`).digest("hex");
}
