import { issueFormToken } from "@/lib/comments/form-token";
import { otherMethods } from "@/lib/http/route";

// GET /api/comments/token – a signed "form shown at" time for the comment form (spam check).

export const dynamic = "force-dynamic";

export function GET() {
  return Response.json({ token: issueFormToken() }, { headers: { "Cache-Control": "no-store" } });
}

export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
