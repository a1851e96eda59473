import type { NextRequest } from "next/server";
import { clientIpFromHeaders } from "@/lib/auth/client-ip";
import { findCommentTarget, postComment } from "@/lib/comments/commands";
import { listApprovedComments } from "@/lib/comments/queries";
import { DomainError, NotFoundError, ValidationError } from "@/lib/errors";
import { HttpError, errorResponse, jsonResponse, positiveId, readJson, readLimited, otherMethods } from "@/lib/http/route";
import { commentErrorPage } from "@/lib/comments/error-page";
import { SENDER_COOKIE, senderCookie } from "@/lib/comments/sender";
import { env } from "@/lib/env";
import { isIdText } from "@/lib/validation/ids";

// GET /api/stories/:id/comments?cursor= – approved comments, oldest first, replies nested once.
// POST /api/stories/:id/comments – post one, as JSON or as the article's plain form (which gets a
// redirect back to the article). 201 published, 202 held; 422 per field, 413, 415, 404, 403, 409, 429.
// A sender without the comments cookie gets one with the answer (lib/comments/sender.ts).

export const dynamic = "force-dynamic";

const MAX_BODY_BYTES = 32 * 1024;

type Context = { params: Promise<{ id: string }> };

async function publishedStory(rawId: string) {
  const story = await findCommentTarget(positiveId(rawId));
  if (!story) throw new NotFoundError("There is no published story here.");
  return story;
}

export async function GET(request: NextRequest, context: Context) {
  try {
    const story = await publishedStory((await context.params).id);
    const rawCursor = request.nextUrl.searchParams.get("cursor");
    if (rawCursor !== null && !isIdText(rawCursor)) throw new ValidationError({ cursor: "The cursor is a comment id" });
    const page = await listApprovedComments(story.id, { cursor: rawCursor ? Number(rawCursor) : undefined });
    return Response.json(page, { headers: { "Cache-Control": "public, s-maxage=15, stale-while-revalidate=60" } });
  } catch (error) {
    return errorResponse(error);
  }
}

export async function POST(request: NextRequest, context: Context) {
  const type = (request.headers.get("content-type") ?? "").toLowerCase();
  const isForm = type.startsWith("application/x-www-form-urlencoded");
  let storyPath: string | null = null;
  try {
    if (!isForm && !/^application\/json\s*(;|$)/.test(type)) {
      throw new HttpError(415, "Send the comment as application/json or as a form (application/x-www-form-urlencoded).");
    }
    if (Number(request.headers.get("content-length") ?? 0) > MAX_BODY_BYTES) throw new HttpError(413, "The comment is too large.");
    const story = await publishedStory((await context.params).id);
    storyPath = story.path;
    const input = isForm ? Object.fromEntries(new URLSearchParams(await readLimited(request, MAX_BODY_BYTES))) : await readJson(request, MAX_BODY_BYTES);
    if (typeof input !== "object" || input === null || Array.isArray(input)) throw new HttpError(400, "Send a JSON object.");
    const presented = request.cookies.get(SENDER_COOKIE)?.value;
    const posted = await postComment(story, input, { ip: clientIpFromHeaders(request.headers), sender: presented });
    const secure = request.nextUrl.protocol === "https:" || env().siteUrl.startsWith("https://");
    const cookie: Record<string, string> = posted.sender === presented ? {} : { "Set-Cookie": senderCookie(posted.sender, secure) };
    if (isForm) {
      const anchor = posted.status === 201 ? "comment-published" : "comment-held";
      return new Response(null, { status: 303, headers: { Location: `${story.path}#${anchor}`, "Cache-Control": "no-store", ...cookie } });
    }
    return jsonResponse(posted.status, posted.comment, cookie);
  } catch (error) {
    if (isForm && error instanceof DomainError) return commentErrorPage(error, storyPath);
    return errorResponse(error);
  }
}

export const { PUT, PATCH, DELETE } = otherMethods("GET", "POST");
