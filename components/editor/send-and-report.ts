// The newsroom's one way to talk to the admin API from the browser: every answer — saved, a newer
// revision (409), bad fields (422), not allowed (401/403), busy (429/503 with Retry-After), any
// other refusal, or no answer at all — comes back as one typed result, so components branch on
// `kind` instead of each re-reading statuses and bodies their own way.

export interface Conflict {
  updatedBy: string;
  updatedAt: string;
  revision: number;
}

/** What the API answered, as the editor acts on it. `error` is the server's own message, if it sent one. */
export type SendResult<T> =
  | { kind: "ok"; status: number; data: T }
  | { kind: "conflict"; status: 409; error?: string; conflict: Conflict }
  | { kind: "invalid"; status: 422; error?: string; fieldErrors: Record<string, string> }
  | { kind: "denied"; status: 401 | 403; error?: string }
  | { kind: "busy"; status: 429 | 503; error?: string; retryAfterSeconds: number | null }
  | { kind: "refused"; status: number; error?: string }
  | { kind: "offline" };

type Body = Record<string, unknown>;

const textOf = (value: unknown) => (typeof value === "string" ? value : undefined);

/** Retry-After as seconds: a number of seconds or an HTTP date; anything else is unknown. */
function retryAfterSecondsOf(header: string | null, now: number): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? null : Math.max(0, Math.ceil((at - now) / 1000));
}

/** Turns one HTTP answer (status, parsed JSON body or {}, Retry-After header) into a result. */
export function readAnswer<T>(status: number, body: Body, retryAfter: string | null = null, now = Date.now()): SendResult<T> {
  const error = textOf(body.error);
  if (status >= 200 && status < 300) return { kind: "ok", status, data: body as T };
  if (status === 409) {
    const conflict = { updatedBy: String(body.updatedBy), updatedAt: String(body.updatedAt), revision: Number(body.revision) };
    return { kind: "conflict", status, error, conflict };
  }
  if (status === 422) return { kind: "invalid", status, error, fieldErrors: (body.fieldErrors as Record<string, string> | undefined) ?? {} };
  if (status === 401 || status === 403) return { kind: "denied", status, error };
  if (status === 429 || status === 503) return { kind: "busy", status, error, retryAfterSeconds: retryAfterSecondsOf(retryAfter, now) };
  return { kind: "refused", status, error };
}

/** The message for a refusal: the server's own, or `label (status).` when it sent none. */
export function refusalMessage(result: Exclude<SendResult<unknown>, { kind: "ok" } | { kind: "offline" }>, label: string): string {
  return result.error ?? `${label} (${result.status}).`;
}

/** Sends `body` as JSON (or nothing) and reports the answer; never throws. */
export async function sendAndReport<T>(
  url: string,
  { method = "POST", body, signal, fetchImpl = fetch }: { method?: string; body?: unknown; signal?: AbortSignal; fetchImpl?: typeof fetch } = {},
): Promise<SendResult<T>> {
  let response: Response;
  try {
    response = await fetchImpl(url, {
      method,
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      ...(signal ? { signal } : {}),
    });
  } catch {
    return { kind: "offline" };
  }
  const parsed: unknown = await response.json().catch(() => ({}));
  const data = parsed && typeof parsed === "object" ? (parsed as Body) : {};
  return readAnswer<T>(response.status, data, response.headers.get("Retry-After"));
}
