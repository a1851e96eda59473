"use client";

import { useState } from "react";

type State = { kind: "idle" } | { kind: "busy" } | { kind: "error"; message: string };

/** Signs in through next-auth's credentials endpoint and reports throttling (429) plainly. */
export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, setState] = useState<State>({ kind: "idle" });

  async function submit(form: HTMLFormElement) {
    setState({ kind: "busy" });
    const data = new FormData(form);
    try {
      const { csrfToken } = (await fetch("/api/auth/csrf").then((r) => r.json())) as { csrfToken: string };
      const response = await fetch("/api/auth/callback/credentials", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          email: String(data.get("email") ?? ""),
          password: String(data.get("password") ?? ""),
          csrfToken,
          callbackUrl,
          json: "true",
        }),
      });
      if (response.status === 429) {
        const body = (await response.json()) as { message?: string };
        setState({ kind: "error", message: body.message ?? "Too many attempts. Try again later." });
        return;
      }
      const body = (await response.json().catch(() => ({}))) as { url?: string };
      const target = body.url ? new URL(body.url, window.location.origin) : null;
      if (!response.ok || !target || target.searchParams.has("error")) {
        setState({ kind: "error", message: "The e-mail address or password is not right." });
        return;
      }
      window.location.assign(callbackUrl);
    } catch {
      setState({ kind: "error", message: "Could not reach the server. Check your connection and try again." });
    }
  }

  return (
    <form
      className="editor-form sign-in-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit(event.currentTarget);
      }}
    >
      <label>
        E-mail
        <input name="email" type="email" autoComplete="username" required maxLength={200} />
      </label>
      <label>
        Password
        <input name="password" type="password" autoComplete="current-password" required maxLength={200} />
      </label>
      {state.kind === "error" && (
        <p className="form-error" role="alert">
          {state.message}
        </p>
      )}
      <button type="submit" className="button button-primary" disabled={state.kind === "busy"}>
        {state.kind === "busy" ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
