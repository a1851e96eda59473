// What the comment form does once JavaScript runs, as a plain object: it fetches a fresh form
// token, remembers the reader's name on this device if asked, posts in place with an idempotency
// key (a retried post returns the first comment, not a second one), and turns the answer into
// "published", "held" or an error with messages per field. It knows no React and no DOM — the
// form hands it fetch, storage and a key maker — so its protocol is tested without a browser.

const NAME_KEY = "meridian.commenter-name";

export type CommentFormResult =
  | { kind: "idle" }
  | { kind: "sending" }
  | { kind: "published" | "held" }
  | { kind: "error"; message: string; fields: Record<string, string> };

export interface CommentReplyTarget {
  id: number;
  name: string;
}

interface CommentFormState {
  result: CommentFormResult;
  /** The comment being answered, chosen by a "Reply" link in the thread. */
  replyTo: CommentReplyTarget | null;
  /** The form token the form sends: the page's own until a fresh one arrives. */
  token: string;
}

/** What the reader typed, as the form holds it. */
export interface CommentFields {
  name: string;
  email: string;
  body: string;
  website: string;
  formToken: string;
}

interface CommentFormDeps {
  fetch: (url: string, init?: RequestInit) => Promise<Response>;
  storage: Pick<Storage, "getItem" | "setItem" | "removeItem">;
  /** A new idempotency key, one per comment. */
  newKey: () => string;
}

export const UNREACHABLE = "Your comment was not posted: the site could not be reached. It is still in the box.";

export class CommentFormController {
  private state: CommentFormState;
  private readonly listeners = new Set<() => void>();
  private readonly storyId: number;
  private readonly deps: CommentFormDeps;
  private idempotencyKey = "";

  constructor(storyId: number, formToken: string, deps: CommentFormDeps) {
    this.storyId = storyId;
    this.deps = deps;
    this.state = { result: { kind: "idle" }, replyTo: null, token: formToken };
  }

  subscribe = (listener: () => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  getState = () => this.state;

  /** Once the form is on screen: a key for the first comment, a fresh token; answers the remembered name. */
  start = (): string | null => {
    this.idempotencyKey = this.deps.newKey();
    this.deps
      .fetch("/api/comments/token", { cache: "no-store" })
      .then((response) => response.json())
      .then((data: { token: string }) => this.update({ token: data.token }))
      .catch(() => {});
    return this.deps.storage.getItem(NAME_KEY) || null;
  };

  replyTo = (target: CommentReplyTarget | null) => this.update({ replyTo: target });

  /** Posts the comment; true when it was taken (published or held), so the form can empty its box. */
  submit = async (fields: CommentFields, rememberName: boolean): Promise<boolean> => {
    if (rememberName) this.deps.storage.setItem(NAME_KEY, fields.name.trim());
    else this.deps.storage.removeItem(NAME_KEY);
    this.update({ result: { kind: "sending" } });
    try {
      const response = await this.deps.fetch(`/api/stories/${this.storyId}/comments`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ ...fields, parentId: this.state.replyTo?.id, idempotencyKey: this.idempotencyKey }),
      });
      const answer = (await response.json().catch(() => ({}))) as { error?: string; fieldErrors?: Record<string, string> };
      if (response.status === 201 || response.status === 202) {
        this.idempotencyKey = this.deps.newKey();
        this.update({ result: { kind: response.status === 201 ? "published" : "held" }, replyTo: null });
        return true;
      }
      const message = answer.error ?? `Your comment was not posted (${response.status}).`;
      this.update({ result: { kind: "error", message, fields: answer.fieldErrors ?? {} } });
    } catch {
      this.update({ result: { kind: "error", message: UNREACHABLE, fields: {} } });
    }
    return false;
  };

  private update(patch: Partial<CommentFormState>) {
    this.state = { ...this.state, ...patch };
    for (const listener of this.listeners) listener();
  }
}
