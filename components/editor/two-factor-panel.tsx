import type { FormState } from "@/lib/actions/errors";
import type { TwoFactorState } from "@/lib/auth/two-factor";
import { ActionForm, Field } from "./action-form";

// Two-factor sign-in of one's own account: off (start setting up), being set up (the secret, its
// otpauth:// address and QR code, and the code that confirms it), or on (turn off with a code).

type Action = (state: FormState, data: FormData) => Promise<FormState>;

export function TwoFactorPanel({
  state,
  actions,
}: {
  state: TwoFactorState;
  actions: { start: Action; confirm: Action; turnOff: Action };
}) {
  if (state.on) {
    return (
      <ActionForm action={actions.turnOff} submitLabel="Turn off two-factor sign-in" danger>
        <p>On: sign-in asks for a code from your authenticator app after your password.</p>
        <Field name="code" label="Current code" autoComplete="one-time-code" inputMode="numeric" required />
      </ActionForm>
    );
  }
  if (!state.setup) {
    return (
      <ActionForm action={actions.start} submitLabel="Set up two-factor sign-in">
        <p>Off. With it on, sign-in asks for a 6-digit code from an authenticator app after your password.</p>
      </ActionForm>
    );
  }
  const { secret, uri, qrSvg } = state.setup;
  return (
    <div className="panel">
      <p>Scan this code with your authenticator app, or type the secret into it.</p>
      {/* eslint-disable-next-line @next/next/no-img-element -- an SVG drawn on the server, inline */}
      <img src={`data:image/svg+xml;base64,${Buffer.from(qrSvg).toString("base64")}`} width={200} height={200} alt="QR code of the set-up address" />
      <p>
        Secret: <code data-testid="two-factor-secret">{secret}</code>
      </p>
      <p className="muted">
        Address: <code>{uri}</code>
      </p>
      <ActionForm action={actions.confirm} submitLabel="Turn on two-factor sign-in">
        <Field name="code" label="Code from your app" autoComplete="one-time-code" inputMode="numeric" required />
      </ActionForm>
    </div>
  );
}
