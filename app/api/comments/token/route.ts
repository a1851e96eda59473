import { issueFormToken } from "@/lib/comments/form-token";
import { otherMethods } from "@/lib/http/route";

// GET /api/comments/token – a signed "form shown at" time for the comment form (spam check). Any
// client sends it as `formToken` with its post, at least 3 seconds and at most a day later; a post
// without a valid one is held for moderation (lib/comments/form-token.ts).

export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ token: issueFormToken() }, { headers: { "Cache-Control": "no-store" } });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
