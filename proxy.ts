import { NextResponse, type NextRequest } from "next/server";
import { matchPathRule } from "@/lib/routing/path-rules";

// Exact status codes for story URLs (DESIGN.md, "URLs"): 301 from a story's old URLs, 410 for an
// unpublished story. Pages cannot answer those statuses, so this runs first. Only paths of two or
// more segments can be articles; the matcher keeps assets, media, the API and the editor out.

export async function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  if (pathname.indexOf("/", 1) === -1) return NextResponse.next();
  const rule = await matchPathRule(pathname);
  if (!rule) return NextResponse.next();
  if (rule.status === 301) {
    return NextResponse.redirect(new URL(rule.location + search, request.url), 301);
  }
  return NextResponse.rewrite(new URL("/gone", request.url), { status: 410 });
}

export const config = {
  matcher: ["/((?!_next/|api/|media/|editor/|live/|gone).*)"],
};
