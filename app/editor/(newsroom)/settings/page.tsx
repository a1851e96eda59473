import type { Metadata } from "next";
import { ActionForm, Field } from "@/components/editor/action-form";
import { AuthorPhotoPicker } from "@/components/editor/author-photo-picker";
import { canManageSite } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/session";
import { readPublicSiteSettings, type EnvFixedField, type SiteSettings } from "@/lib/settings/site";
import { timeZoneOptions } from "@/lib/settings/time-zones";
import { saveSiteSettingsAction } from "./actions";

export const metadata: Metadata = { title: "Settings" };

/** A field the environment sets: shown with its value and variable, not editable. */
function Fixed({ label, value, variable }: { label: string; value: string; variable: string }) {
  return (
    <div className="field">
      <span className="field-label">{label}</span>
      <p>
        {value} <span className="muted">(fixed: set by {variable})</span>
      </p>
    </div>
  );
}

/** The field, or its fixed value when the environment sets it. */
function FieldOrFixed({ settings, field, ...props }: { settings: SiteSettings; field: EnvFixedField } & Parameters<typeof Field>[0]) {
  const variable = settings.fixed[field];
  if (variable) return <Fixed label={props.label} value={String(settings[field])} variable={variable} />;
  return <Field {...props} />;
}

export default async function SettingsPage() {
  await requireUser(canManageSite, "/editor/settings");
  const settings = await readPublicSiteSettings();
  const logo = settings.logo && { id: settings.logo.id, src: settings.logo.src, alt: settings.logo.alt, caption: "", credit: "" };
  return (
    <>
      <h1>Settings</h1>
      <p className="muted">What readers see of the publication everywhere: the masthead, titles, feeds and search results.</p>
      <ActionForm action={saveSiteSettingsAction} submitLabel="Save settings">
        <FieldOrFixed settings={settings} field="name" name="name" label="Site name" defaultValue={settings.name} required />
        <FieldOrFixed settings={settings} field="description" name="description" label="Description" type="textarea" hint="One or two sentences, for the front page and feeds." defaultValue={settings.description} required />
        <FieldOrFixed
          settings={settings}
          field="timeZone"
          name="timeZone"
          label="Time zone"
          type="select"
          hint="Dates on articles and every time in the newsroom."
          defaultValue={settings.timeZone}
          options={timeZoneOptions(settings.timeZone)}
        />
        <AuthorPhotoPicker initial={logo} field="logoMediaId" legend="Logo" />
        <Field
          name="commentsOpenByDefault"
          label="Comments on new stories"
          type="select"
          defaultValue={String(settings.commentsOpenByDefault)}
          options={[
            { value: "true", label: "Open" },
            { value: "false", label: "Closed" },
          ]}
        />
        <FieldOrFixed settings={settings} field="commentsPerAddress" name="commentsPerAddress" label="Comments a minute from one address" defaultValue={String(settings.commentsPerAddress)} inputMode="numeric" />
        <FieldOrFixed settings={settings} field="commentsPerStory" name="commentsPerStory" label="Comments a minute on one story" defaultValue={String(settings.commentsPerStory)} inputMode="numeric" />
      </ActionForm>
    </>
  );
}
