// What never reaches a log line: passwords, tokens (API tokens, invitation and reset links,
// session and CSRF cookies, Authorization headers) and full e-mail addresses. Every finished line
// passes through scrubText as it is written (lib/log.ts) — fields named for a secret at any depth,
// and secrets inside messages, error texts and stacks, inspected values from libraries. pino's own
// `redact` is not used: its wildcard paths cost ~45 µs a line (measured), six times the line itself,
// and would still miss a secret inside a sentence.

export const CENSOR = "[redacted]";

/** j***@example.com: the first character of the mailbox and the whole domain. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf("@");
  return `${address.slice(0, 1)}***${address.slice(at)}`;
}

// An address as people and libraries write it; the mailbox's first character is kept.
const EMAIL = /([A-Za-z0-9_])[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]*@((?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,})/g;
// Our API tokens (lib/auth/api-tokens.ts), JSON Web Tokens and next-auth's encrypted sessions.
const TOKENS = /\bmrd_[A-Za-z0-9_-]+|\beyJ[A-Za-z0-9_-]{8,}(?:\.[A-Za-z0-9_-]*)+/g;
// "Bearer x", "Basic x"; "password=x", "token: x", "\"secret\":\"x\"" in a message; a cookie's
// value after a name that says session, csrf, token or auth.
const AFTER_SCHEME = /\b(Bearer|Basic)\s+[^\s"'\\,;]+/gi;
const NAMED_VALUE =
  /\b((?:new|current)?_?pass(?:word|wd)?|[a-z_-]*token|secret|api[_-]?key|authorization)(\\?["']?\s*[:=]\s*\\?["']?)(?!\[redacted\]|Bearer\b|Basic\b)[^\s"'\\&,;]+/gi;
const SECRET_COOKIE = /([\w.-]*(?:session|csrf|token|auth)[\w.-]*=)[^\s"'\\;,]+/gi;
// A field named for a secret, whatever its value holds (spaces included).
const SECRET_FIELD = /("[\w-]*(?:pass(?:word|wd|phrase)|token|secret|api[_-]?key|authorization)"\s*:\s*")(?:[^"\\]|\\.)*"/gi;
// A cookie header logged as a field: every cookie in it (a JSON string, or a list of them).
const COOKIE_FIELD = /("(?:set-)?cookie"\s*:\s*)("(?:[^"\\]|\\.)*"|\[(?:[^\]"]|"(?:[^"\\]|\\.)*")*\])/gi;

/** Anything that may hold a secret: checked first, so most lines pay one test. */
const SUSPECT = /@|mrd_|eyJ|bearer|basic|pass|token|secret|key|auth|session|csrf|cookie/i;

/** The text with every e-mail address masked and every secret it recognises replaced by CENSOR. */
export function scrubText(text: string): string {
  if (!SUSPECT.test(text)) return text;
  return text
    .replace(COOKIE_FIELD, `$1"${CENSOR}"`)
    .replace(SECRET_FIELD, `$1${CENSOR}"`)
    .replace(TOKENS, CENSOR)
    .replace(AFTER_SCHEME, (_match, scheme: string) => `${scheme} ${CENSOR}`)
    .replace(SECRET_COOKIE, `$1${CENSOR}`)
    .replace(NAMED_VALUE, `$1$2${CENSOR}`)
    .replace(EMAIL, (_match, first: string, domain: string) => `${first}***@${domain}`);
}

/** Paths whose last segment is a secret: invitation, reset and preview links. */
const SECRET_SEGMENT = /^(\/editor\/(?:invite|reset)\/|\/preview\/)[^/?#]+/;
/** Query parameters logged by name only. */
const SECRET_PARAM = /^(token|key|code|secret|password|email|signature|sig|callbackurl|csrftoken|state)$/i;

/**
 * A request's address as logged: a link's secret segment replaced, and the value of each query
 * parameter that may be a secret or an address replaced by CENSOR (the rest of the query kept).
 */
export function loggablePath(url: string): string {
  const queryAt = url.indexOf("?");
  const path = (queryAt === -1 ? url : url.slice(0, queryAt)).replace(SECRET_SEGMENT, `$1${CENSOR}`);
  if (queryAt === -1) return path;
  const query = url
    .slice(queryAt + 1)
    .split("&")
    .map((pair) => {
      const equals = pair.indexOf("=");
      const name = equals === -1 ? pair : pair.slice(0, equals);
      let decoded = name;
      try {
        decoded = decodeURIComponent(name);
      } catch {
        // Logged as sent.
      }
      return equals !== -1 && SECRET_PARAM.test(decoded) ? `${name}=${CENSOR}` : pair;
    })
    .join("&");
  return `${path}?${query}`;
}
